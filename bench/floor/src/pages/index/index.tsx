import { Text, View } from '@tarojs/components'

export default function FloorPage() {
  return (
    <View id='floor'>
      <Text>Floor</Text>
    </View>
  )
}
