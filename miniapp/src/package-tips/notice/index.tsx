import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { headingProps } from '@/utils/a11y'
import { PAGES } from '@/services/config'
import './index.scss'

// 阅读须知 (guide 图13): the five points, word for word, then 「我要参与」 to the form. 我的举报 is one
// tap away for those who come back to see what became of a tip.

const POINTS = [
  '手机认证的用户方可进行线索举报。',
  '用户举报时可以选择是否匿名，匿名举报的用户信息将不被流转至案事件侦办单位。',
  '举报地点必须详细、清楚；举报内容必须表述清楚；举报图片必须清晰。',
  '本平台只接收相关案事件线索的举报，被害报案和紧急求助等情况请至公安派出所或拨打110。',
  '用户恶意举报或其他扰乱服务秩序的行为，将被列入黑名单，情节严重的将追究相应法律责任。',
]

export default function Notice() {
  return (
    <PageFrame title='群防群治线索举报' className='tip-notice'>
      <View className='card tip-notice__card' data-testid='tip-notice'>
        <Text className='tip-notice__title' {...headingProps(2)}>
          阅读须知
        </Text>
        {POINTS.map((p, i) => (
          <View key={i} className='tip-notice__point'>
            <Text>{`${i + 1}.${p}`}</Text>
          </View>
        ))}
      </View>
      <ActionButton className='tip-notice__go' testId='tip-join' onClick={() => void Taro.navigateTo({ url: PAGES.tipForm })}>
        我要参与
      </ActionButton>
      <ActionButton kind='plain' className='tip-notice__mine' testId='tip-mine' onClick={() => void Taro.navigateTo({ url: PAGES.tipMine })}>
        我的举报
      </ActionButton>
      <Text className='muted tip-notice__copy'>常州市公安局版权所有</Text>
    </PageFrame>
  )
}
