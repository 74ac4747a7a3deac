import type { DemoCulture } from './demo-culture';

// Most common first: pickSkewed makes 王, 李, 张 the usual draws, as in real life.
const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['高', 'gao'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
  ['沈', 'shen'],
];

const GIVEN: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['秀英', 'xiuying'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀兰', 'xiulan'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['建华', 'jianhua'],
  ['文', 'wen'],
  ['华', 'hua'],
  ['建国', 'jianguo'],
  ['红', 'hong'],
  ['志强', 'zhiqiang'],
  ['晓东', 'xiaodong'],
  ['海燕', 'haiyan'],
  ['丹', 'dan'],
  ['鹏', 'peng'],
  ['婷', 'ting'],
  ['宇', 'yu'],
  ['欣怡', 'xinyi'],
  ['子涵', 'zihan'],
  ['浩然', 'haoran'],
  ['思远', 'siyuan'],
  ['雨桐', 'yutong'],
  ['嘉怡', 'jiayi'],
];

const BRANDS: readonly (readonly [string, string])[] = [
  ['华腾', 'huateng'],
  ['鼎盛', 'dingsheng'],
  ['瑞丰', 'ruifeng'],
  ['恒通', 'hengtong'],
  ['新宇', 'xinyu'],
  ['博远', 'boyuan'],
  ['众诚', 'zhongcheng'],
  ['天成', 'tiancheng'],
  ['金桥', 'jinqiao'],
  ['汇达', 'huida'],
  ['宏图', 'hongtu'],
  ['致远', 'zhiyuan'],
  ['中和', 'zhonghe'],
  ['永信', 'yongxin'],
  ['安泰', 'antai'],
  ['润泽', 'runze'],
  ['嘉禾', 'jiahe'],
  ['百川', 'baichuan'],
  ['远景', 'yuanjing'],
  ['星辰', 'xingchen'],
];

const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['科技', 'tech'],
  ['贸易', 'trade'],
  ['电子', 'elec'],
  ['机械', 'mach'],
  ['物流', 'wuliu'],
  ['医药', 'pharma'],
  ['食品', 'food'],
  ['建材', 'jiancai'],
  ['纺织', 'textile'],
  ['软件', 'soft'],
];

const CITIES: readonly (readonly [string, string])[] = [
  ['上海', 'sh'],
  ['杭州', 'hz'],
  ['南京', 'nj'],
  ['苏州', 'sz'],
  ['宁波', 'nb'],
  ['合肥', 'hf'],
  ['无锡', 'wx'],
  ['温州', 'wz'],
];

export const zhCulture: DemoCulture = {
  person(draw) {
    const [surname, surnamePinyin] = draw.pickSkewed(SURNAMES);
    const [given, givenPinyin] = draw.pick(GIVEN);
    return { name: `${surname}${given}`, handle: `${surnamePinyin}.${givenPinyin}` };
  },
  company(draw) {
    const [city, cityCode] = draw.pick(CITIES);
    const [brand, brandPinyin] = draw.pick(BRANDS);
    const [industry, industryCode] = draw.pick(INDUSTRIES);
    return {
      name: `${city}${brand}${industry}有限公司`,
      domain: `${brandPinyin}-${industryCode}${draw.chance(0.5) ? `-${cityCode}` : ''}${draw.pick(['.com.cn', '.cn', '.com'])}`,
      industry,
    };
  },
  freeMail(draw, person) {
    const compact = person.handle.replace('.', '');
    switch (draw.weighted({ qq: 4, netease: 3, sina: 1, foxmail: 1 })) {
      case 'qq':
        return `${draw.int(10_000_000, 2_999_999_999)}@qq.com`;
      case 'netease':
        return `${compact}${draw.int(1, 99)}@${draw.pick(['163.com', '126.com'])}`;
      case 'sina':
        return `${compact}${draw.int(60, 99)}@sina.com`;
      case 'foxmail':
        return `${person.handle}@foxmail.com`;
    }
  },
  phone(draw) {
    return `+86 1${draw.pick(['38', '39', '58', '86', '88', '35'])}${draw.int(1000, 9999)}${draw.int(1000, 9999)}`;
  },
  cities: CITIES.map(([city]) => city),
  roles: ['总经理', '采购经理', '财务总监', '运营总监'],
  agents: ['周海', '吴敏', '郑浩'],
  rivals: ['恒通', '远大', '华信'],
  focusIndustries: ['机械', '电子', '物流'],
  notes: {
    inbound: [
      '客户来电咨询批量采购价格',
      '客户询问发货时间',
      '客户要求提供产品报价单',
      '客户反馈上次订单使用情况良好',
      '客户咨询售后保修政策',
      '客户在官网留言，希望预约演示',
    ],
    outbound: [
      '电话回访，客户对上次订单满意',
      '发送新品目录和春季促销方案',
      '拜访客户，讨论年度合作计划',
      '邀请客户参加杭州行业展会',
      '跟进报价，客户表示下月决定',
      '微信沟通，介绍会员积分活动',
    ],
  },
  complaints: [
    '货物到达时包装破损，要求换货',
    '发货比承诺晚了一周，客户不满意',
    '发票信息有误，要求重开',
    '产品质量问题，要求退款',
    '客服电话长时间无人接听',
  ],
  churnReason: (months) => `超过 ${months} 个月未下单`,
};
