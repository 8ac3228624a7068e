import { Text, View } from '@tarojs/components'

// A native component by the tag its page config names: Taro binds the attributes it
// sees on the tag in JSX.
export default function Index() {
  return (
    <View>
      <Text id='bank-header'>My Bank</Text>
      <cardlet-balance id='balance' props={{ locale: 'en-US' }} />
    </View>
  )
}
