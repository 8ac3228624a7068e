import { Button, ConfigProvider } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

// The embed floor: a bare Taro + React + NutUI native component (NutUI's ConfigProvider
// and one NutUI Button), built in the same run as Cardlet's embed folder to compare with.
export default function Hello() {
  return (
    <ConfigProvider>
      <View id='floor'>
        <Text>Floor</Text>
        <Button type='primary'>Floor</Button>
      </View>
    </ConfigProvider>
  )
}
