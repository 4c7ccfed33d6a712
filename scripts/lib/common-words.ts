// Everyday words for the bench's generated text: ordinary news, weather, school, food, travel and
// work vocabulary, so the text looks like a normal page rather than a scam (scam wording enters
// the bench text only through the rules' own examples, at a low rate).

export const commonWords: { zh: readonly string[]; en: readonly string[] } = {
  zh: (
    '我们 你们 他们 今天 明天 昨天 现在 时候 已经 可以 因为 所以 但是 如果 虽然 还是 或者 而且 然后 以后 ' +
    '一起 一些 这个 那个 什么 怎么 为什么 哪里 这里 那里 大家 自己 朋友 家人 孩子 父母 老人 学生 同学 邻居 ' +
    '城市 农村 社区 街道 公园 学校 医院 图书馆 博物馆 车站 机场 地铁 公交 马路 超市 商店 餐厅 食堂 菜市场 银行 ' +
    '天气 晴天 下雨 刮风 温度 气温 降温 升温 春天 夏天 秋天 冬天 早上 中午 下午 晚上 周末 假期 节日 春节 ' +
    '中秋 国庆 元旦 端午 生日 时间 小时 分钟 星期 月份 年份 去年 今年 明年 上午 傍晚 夜里 清晨 ' +
    '吃饭 喝水 做饭 米饭 面条 饺子 包子 馒头 蔬菜 水果 苹果 香蕉 西瓜 鸡蛋 牛奶 豆腐 茶叶 咖啡 早餐 午餐 晚餐 ' +
    '工作 上班 下班 会议 报告 计划 项目 同事 领导 部门 公司 单位 办公室 电脑 手机 电话 邮件 文件 资料 表格 ' +
    '学习 考试 作业 老师 课程 教室 黑板 数学 语文 英语 历史 地理 物理 化学 生物 音乐 美术 体育 科学 知识 ' +
    '健康 运动 跑步 游泳 散步 锻炼 身体 休息 睡觉 医生 护士 感冒 发烧 检查 预约 药品 营养 心情 快乐 ' +
    '旅游 风景 山水 河流 湖泊 大海 森林 草原 沙漠 景点 门票 酒店 行李 地图 导游 照片 拍照 游客 路线 交通 ' +
    '新闻 消息 记录 发展 建设 经济 社会 文化 教育 科技 环境 保护 绿色 能源 农业 工业 服务 市场 产品 ' +
    '政策 措施 活动 举办 参加 组织 开展 推进 完成 提高 加强 改善 促进 支持 合作 交流 服务 管理 质量 安全 ' +
    '居民 群众 志愿者 工人 农民 司机 厨师 作家 画家 演员 歌手 运动员 科学家 工程师 设计师 ' +
    '房子 房间 客厅 厨房 卧室 阳台 窗户 桌子 椅子 沙发 电视 冰箱 空调 洗衣机 衣服 裤子 鞋子 帽子 雨伞 ' +
    '喜欢 希望 觉得 认为 知道 明白 记得 忘记 开始 结束 继续 准备 决定 选择 需要 应该 必须 能够 愿意 ' +
    '美丽 漂亮 干净 整齐 热闹 安静 方便 简单 重要 特别 非常 比较 一般 主要 基本 普通 传统 现代 新鲜 ' +
    '读书 写字 唱歌 跳舞 画画 下棋 钓鱼 种花 养狗 聊天 购物 看电影 听音乐 打球 骑车 爬山 旅行 做饭 ' +
    '道路 桥梁 河道 水库 电力 网络 通信 快递 物流 邮局 供水 供电 垃圾 分类 回收 绿化 植树 花园 ' +
    '比赛 冠军 球队 观众 舞台 展览 演出 电影 电视剧 小说 杂志 报纸 故事 诗歌 书法 京剧 民歌 ' +
    '研究 发现 实验 数据 结果 方法 问题 原因 影响 变化 情况 条件 过程 方面 部分 全部 内容 意见 建议'
  ).split(' '),
  en: (
    'the a an and or but of to in on at by for with from about after before during between ' +
    'people family friend child school teacher student city town village street park library museum ' +
    'station airport train bus road market shop restaurant kitchen garden house room window door table ' +
    'weather rain sun wind snow spring summer autumn winter morning afternoon evening night weekend ' +
    'holiday festival birthday time hour minute week month year today tomorrow yesterday always often ' +
    'food water bread rice noodles fruit apple banana vegetable egg milk tea coffee breakfast lunch dinner ' +
    'work office meeting plan project colleague manager team company computer phone email file ' +
    'study exam homework lesson class history geography science music art sport math language book ' +
    'health exercise walk swim run rest sleep doctor nurse hospital medicine visit check ' +
    'travel trip map hotel ticket photo river lake mountain forest beach sea island bridge tower ' +
    'story local council community volunteer event concert exhibition match game team ' +
    'good new old small large long short early late quiet busy clean simple important special local ' +
    'read write sing dance paint cook play watch listen talk walk build open close start finish ' +
    'make take give find keep help show move live learn teach visit plant grow carry bring ' +
    'this that these those there here where when what which who how very more most many some every'
  ).split(' '),
};
