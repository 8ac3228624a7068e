import { Button, ConfigProvider } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

// The floor: what an integrator starts from, a bare Taro + React + NutUI page (NutUI's
// ConfigProvider and one NutUI Button), built in the same run as Cardlet.
export default function FloorPage() {
  return (
    <ConfigProvider>
      <View id='floor'>
        <Text>Floor</Text>
        <Button type='primary'>Floor</Button>
      </View>
    </ConfigProvider>
  )
}
