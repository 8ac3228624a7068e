import { Text, View } from '@tarojs/components'

// The embed floor: a bare Taro + React native component, built in the same run as
// Cardlet's embed folder to compare with.
export default function Hello() {
  return (
    <View id='floor'>
      <Text>Floor</Text>
    </View>
  )
}
