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

-- =============================================================================
-- The company registry (单位列表) a declarant picks from.
-- The first twelve are the search result of the 2022 guide's 图8 (real companies, codes
-- as printed; each passes the GB 32100 check). The rest are INVENTED: plausible names
-- of Changzhou companies whose codes were computed to pass both the GB 32100 check and
-- the GB 11714 check of the organisation code inside; they belong to nobody. The two
-- 沃德 companies appear in the guide's screenshots as declared companies (names from the
-- guide, codes invented). Idempotent: the credit code is the key.
-- =============================================================================
insert into public.registry_companies (name, credit_code)
values
    -- the guide's 图8 (real)
    ('上海沪杰保安服务有限公司常州分公司', '91320404301884508B'),
    ('上海海阳保安服务股份有限公司常州分公司', '91320404083146987F'),
    ('上海黎峰保安服务集团有限公司常州分公司', '91320411MA1MKAYW3X'),
    ('中军军弘保安服务有限公司常州分公司', '91320412MA1P4NU82B'),
    ('北京京城保安服务有限公司常州分公司', '91320412072735743E'),
    ('北京京诚京安保安服务有限公司常州分公司', '91320412MA20R79T1M'),
    ('北京金太保保安服务有限公司江苏分公司', '91320404MA20N0CG36'),
    ('山东长安保安服务有限公司常州分公司', '91320411346089831L'),
    ('常州万鸿保安服务有限公司', '91320412MA1MBE111L'),
    ('常州中煜保安服务有限公司', '91320412MA1TE0W56G'),
    ('常州京卫保安服务有限公司', '91320404MA7EYX7TX7'),
    ('常州俊杰保安服务有限公司', '91320412559299242D'),
    -- invented (names plausible, codes computed)
    ('常州市保安服务有限公司', '91320402MA69KU8M83'),
    ('常州市天宁保安服务有限公司', '913204024905877711'),
    ('常州市钟楼保安服务有限公司', '91320404MABFC4UP2D'),
    ('常州市新北区保安服务有限公司', '91320411MAE3L8P198'),
    ('常州市武进保安服务有限公司', '91320412815748159E'),
    ('常州市金坛保安服务有限公司', '9132041374680315XB'),
    ('溧阳市保安服务有限公司', '91320481MAFA5F9H89'),
    ('常州龙城保安服务有限公司', '91320404MAMJAGRG51'),
    ('常州恒安保安服务有限公司', '91320411MA4CF5J36H'),
    ('常州中盾保安服务有限公司', '91320412531048396U'),
    ('常州金盾押运保安服务有限公司', '91320402MAD8B5HY8B'),
    ('常州安邦保安服务有限公司', '91320411MABKG68XX7'),
    ('常州卫士保安服务有限公司', '91320412999939119K'),
    ('常州华安保安服务有限公司', '91320404MAJ9XDF86N'),
    ('常州苏诚保安服务有限公司', '91320413MA3EE2BL93'),
    ('常州天盾保安服务有限公司', '91320481MABP3017XF'),
    -- declared companies in the guide's screenshots (names from the guide, codes invented)
    ('常州沃德数码技术有限公司', '913204118594952100'),
    ('常州市沃德利服饰有限公司', '91320412MA99B7A47D')
on conflict (credit_code) do nothing;
