-- =============================================================================
-- Seed: the management departments of 常州市公安局.
-- Source: /work/shared/data/changzhou-police-departments.md. Units a public page names
-- under their parent are marked "source"; the others ("plausible") are inferred there
-- (township-based candidates, names from the 2022 guide, every 治安大队) and seeded so
-- the pickers are usable: they are not official. Idempotent: stable codes, on conflict
-- do nothing, parents looked up by code.
-- =============================================================================

-- Level 0: the city bureau
insert into public.departments (parent_id, name, kind, sort, code)
values (null, '常州市公安局', 'city', 0, 'cz')
on conflict (code) do nothing;

-- Level 1: district branches (分局) and the county-level bureau (溧阳市公安局)
insert into public.departments (parent_id, name, kind, sort, code)
select p.id, v.name, v.kind::public.department_kind, v.sort, v.code
from (
  values
    ('cz', '天宁分局', 'branch', 10, 'cz.tn'),
    ('cz', '钟楼分局', 'branch', 20, 'cz.zl'),
    ('cz', '新北分局', 'branch', 30, 'cz.xb'),
    ('cz', '武进分局', 'branch', 40, 'cz.wj'),
    ('cz', '金坛分局', 'branch', 50, 'cz.jt'),
    ('cz', '经开区分局', 'branch', 60, 'cz.jk'),
    ('cz', '溧阳市公安局', 'county', 70, 'cz.ly')
) as v (parent_code, name, kind, sort, code)
join public.departments p on p.code = v.parent_code
on conflict (code) do nothing;

-- Level 2: 治安大队 (all plausible) and 派出所 of each branch
insert into public.departments (parent_id, name, kind, sort, code)
select p.id, v.name, v.kind::public.department_kind, v.sort, v.code
from (
  values
    -- 天宁分局
    ('cz.tn', '治安大队', 'brigade', 0, 'cz.tn.zhian'),  -- plausible
    ('cz.tn', '新丰街派出所', 'station', 10, 'cz.tn.xinfengjie'),  -- source
    ('cz.tn', '兰陵派出所', 'station', 20, 'cz.tn.lanling'),  -- source
    ('cz.tn', '水门桥派出所', 'station', 30, 'cz.tn.shuimenqiao'),  -- source
    ('cz.tn', '朝阳桥派出所', 'station', 40, 'cz.tn.chaoyangqiao'),  -- plausible
    ('cz.tn', '翠竹派出所', 'station', 50, 'cz.tn.cuizhu'),  -- plausible
    -- 钟楼分局
    ('cz.zl', '治安大队', 'brigade', 0, 'cz.zl.zhian'),  -- plausible
    ('cz.zl', '五星派出所', 'station', 10, 'cz.zl.wuxing'),  -- plausible
    ('cz.zl', '永红派出所', 'station', 20, 'cz.zl.yonghong'),  -- plausible
    ('cz.zl', '北港派出所', 'station', 30, 'cz.zl.beigang'),  -- plausible
    ('cz.zl', '西林派出所', 'station', 40, 'cz.zl.xilin'),  -- plausible
    ('cz.zl', '南大街派出所', 'station', 50, 'cz.zl.nandajie'),  -- plausible
    ('cz.zl', '荷花池派出所', 'station', 60, 'cz.zl.hehuachi'),  -- plausible
    ('cz.zl', '新闸派出所', 'station', 70, 'cz.zl.xinzha'),  -- plausible
    ('cz.zl', '邹区派出所', 'station', 80, 'cz.zl.zouqu'),  -- plausible
    -- 新北分局
    ('cz.xb', '治安大队', 'brigade', 0, 'cz.xb.zhian'),  -- plausible
    ('cz.xb', '安家派出所', 'station', 10, 'cz.xb.anjia'),  -- plausible
    ('cz.xb', '三井派出所', 'station', 20, 'cz.xb.sanjing'),  -- plausible
    ('cz.xb', '龙虎塘派出所', 'station', 30, 'cz.xb.longhutang'),  -- plausible
    ('cz.xb', '春江派出所', 'station', 40, 'cz.xb.chunjiang'),  -- plausible
    ('cz.xb', '魏村派出所', 'station', 50, 'cz.xb.weicun'),  -- plausible
    ('cz.xb', '新桥派出所', 'station', 60, 'cz.xb.xinqiao'),  -- plausible
    ('cz.xb', '河海派出所', 'station', 70, 'cz.xb.hehai'),  -- plausible
    ('cz.xb', '孟河派出所', 'station', 80, 'cz.xb.menghe'),  -- plausible
    ('cz.xb', '薛家派出所', 'station', 90, 'cz.xb.xuejia'),  -- plausible
    ('cz.xb', '罗溪派出所', 'station', 100, 'cz.xb.luoxi'),  -- plausible
    ('cz.xb', '西夏墅派出所', 'station', 110, 'cz.xb.xixiashu'),  -- plausible
    ('cz.xb', '奔牛派出所', 'station', 120, 'cz.xb.benniu'),  -- plausible
    -- 武进分局
    ('cz.wj', '治安大队', 'brigade', 0, 'cz.wj.zhian'),  -- plausible
    ('cz.wj', '湖塘派出所', 'station', 10, 'cz.wj.hutang'),  -- source
    ('cz.wj', '牛塘派出所', 'station', 20, 'cz.wj.niutang'),  -- source
    ('cz.wj', '鸣凰派出所', 'station', 30, 'cz.wj.minghuang'),  -- source
    ('cz.wj', '滆湖派出所', 'station', 40, 'cz.wj.gehu'),  -- plausible
    -- 金坛分局
    ('cz.jt', '治安大队', 'brigade', 0, 'cz.jt.zhian'),  -- plausible
    -- 经开区分局
    ('cz.jk', '治安大队', 'brigade', 0, 'cz.jk.zhian'),  -- plausible
    ('cz.jk', '戚墅堰派出所', 'station', 10, 'cz.jk.qishuyan'),  -- plausible
    ('cz.jk', '丁堰派出所', 'station', 20, 'cz.jk.dingyan'),  -- plausible
    ('cz.jk', '潞城派出所', 'station', 30, 'cz.jk.lucheng'),  -- plausible
    ('cz.jk', '遥观派出所', 'station', 40, 'cz.jk.yaoguan'),  -- plausible
    ('cz.jk', '横林派出所', 'station', 50, 'cz.jk.henglin'),  -- plausible
    ('cz.jk', '横山桥派出所', 'station', 60, 'cz.jk.hengshanqiao'),  -- plausible
    -- 溧阳市公安局
    ('cz.ly', '治安大队', 'brigade', 0, 'cz.ly.zhian'),  -- plausible
    ('cz.ly', '森林派出所', 'station', 10, 'cz.ly.senlin')   -- plausible
) as v (parent_code, name, kind, sort, code)
join public.departments p on p.code = v.parent_code
on conflict (code) do nothing;
