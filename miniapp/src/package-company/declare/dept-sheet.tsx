import { ScrollView, Text, View } from '@tarojs/components'
import Tap from '@/components/tap'
import type { Department } from '@/services/types'
import { IS_H5 } from '@/utils/a11y'

// 管理部门, two levels (guide 2.1 §2): first the 分局 / 县级局, then its 派出所 — or its 治安大队
// when the company is managed at the 分局 level. A bottom sheet of plain rows: thumb-sized, and the
// same in weapp and H5.

type Props = {
  departments: Department[]
  /** null: choosing the 分局; otherwise choosing a unit of this 分局. */
  branch: Department | null
  onBranch: (branch: Department | null) => void
  onUnit: (branch: Department, unit: Department) => void
  onClose: () => void
}

const LEVEL_ONE = ['branch', 'county']
const LEVEL_TWO = ['station', 'brigade']

export default function DeptSheet({ departments, branch, onBranch, onUnit, onClose }: Props) {
  const rows = branch
    ? departments.filter((d) => d.parentId === branch.id && LEVEL_TWO.includes(d.kind))
    : departments.filter((d) => LEVEL_ONE.includes(d.kind))

  return (
    <View className='sheet' data-testid='dept-sheet'>
      <View className='sheet__mask' onClick={onClose} {...{ 'aria-hidden': 'true' }} />
      <View className='sheet__panel' {...(IS_H5 ? { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'dept-sheet-title' } : {})}>
        <View className='sheet__head'>
          {branch ? (
            <Tap className='sheet__back' label='返回' onTap={() => onBranch(null)}>
              <Text>‹ 返回</Text>
            </Tap>
          ) : (
            <View className='sheet__back' />
          )}
          <Text className='sheet__title' id='dept-sheet-title'>{branch ? `${branch.name} · 选择派出所` : '选择分局'}</Text>
          <Tap className='sheet__close' onTap={onClose}>
            <Text>取消</Text>
          </Tap>
        </View>
        <ScrollView className='sheet__list' scrollY>
          {rows.map((d) => (
            <Tap key={d.id} className='sheet__row' testId='dept-option' label={d.name} onTap={() => (branch ? onUnit(branch, d) : onBranch(d))}>
              <Text>{d.name}</Text>
              {!branch && (
                <Text className='sheet__more' {...{ 'aria-hidden': 'true' }}>
                  ›
                </Text>
              )}
            </Tap>
          ))}
          {rows.length === 0 && <Text className='muted sheet__empty'>该分局下没有可选的部门</Text>}
        </ScrollView>
      </View>
    </View>
  )
}
