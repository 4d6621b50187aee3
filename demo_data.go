package main

// Demo personas: 36 creators and merchants across every posting tier and enrolment
// state. Days are counted from the first day of the campaign (0); GMV is in yuan per
// day, the baseline one spread over the baseline period (0 means a newcomer).

// plan is what happens to a persona's application.
type plan int

const (
	planNone      plan = iota // signs up, never enrols (ineligible)
	planApproved              // enrols, approved the next day
	planPending               // enrols, still waiting
	planRejected              // enrols, rejected the next day with a note
	planWithdrawn             // enrols, withdraws (on the withdraw day)
	planCycles                // enrols and withdraws twice, then enrols again: pending
	planReapplied             // rejected, fans corrected by a manager, re-enrols, approved
)

// persona is one demo account and its story.
type persona struct {
	key          string // e-mail local part, and the channel id unless channel is set
	channel      string
	name         string
	channelName  string
	merchant     bool
	fans         int64
	selfOperated bool
	disabled     bool  // short-video selling not enabled
	baseline     int64 // yuan per day in the baseline period; 0 = newcomer
	daily        int64 // yuan per day in the campaign
	ticket       int64 // average order value in yuan
	join         int   // campaign day the account signs up and enrols
	plan         plan
	reason       string
	note         string
	category     int // index into demoProducts
}

var demoPersonas = []persona{
	// ≥ 100,000 fans: 10 videos a day.
	{key: "lin_xia", name: "林夏", channelName: "林夏美妆研究所", fans: 328000, baseline: 5000, daily: 260000, ticket: 6800, join: 0, plan: planApproved, category: 0},
	{key: "dongbei_laowang", name: "东北老王", channelName: "东北老王山货", merchant: true, fans: 152000, baseline: 6000, daily: 45000, ticket: 1100, join: 0, plan: planApproved, category: 3},
	{key: "ajie_digital", name: "阿杰", channelName: "阿杰数码测评", fans: 486000, daily: 140000, ticket: 3600, join: 1, plan: planApproved, category: 1},
	{key: "camera_pro", name: "老周", channelName: "摄影器材说", fans: 132000, baseline: 9000, daily: 15000, ticket: 2400, join: 16, plan: planPending, category: 1},
	// 10,000–99,999 fans: 5 a day.
	{key: "xiaolu_haowu", name: "小鹿", channelName: "小鹿好物分享", fans: 56000, baseline: 2000, daily: 22000, ticket: 560, join: 0, plan: planApproved, category: 2},
	{key: "chayuan_li", name: "李家茶园", channelName: "李家茶园", merchant: true, fans: 23000, selfOperated: true, baseline: 1500, daily: 2600, ticket: 168, join: 1, plan: planApproved, category: 4},
	{key: "mama_kitchen", name: "陈妈妈", channelName: "妈妈的厨房", fans: 88000, daily: 38000, ticket: 950, join: 0, plan: planApproved, category: 3},
	{key: "yunnan_fruit", name: "云南鲜果", channelName: "云南鲜果直发", merchant: true, fans: 41000, selfOperated: true, daily: 26000, ticket: 650, join: 2, plan: planApproved, category: 3},
	{key: "pet_daily", name: "团子妈", channelName: "萌宠日常", fans: 15600, baseline: 800, daily: 3000, ticket: 59, join: 2, plan: planApproved, category: 2},
	{key: "outdoor_k", name: "老K", channelName: "老K户外", fans: 10400, daily: 1500, ticket: 299, join: 3, plan: planApproved, category: 5},
	{key: "coffee_lab", name: "豆豆", channelName: "咖啡实验室", fans: 12800, daily: 9000, ticket: 225, join: 10, plan: planApproved, category: 4},
	{key: "beauty_nana", name: "娜娜", channelName: "娜娜护肤日记", fans: 52000, daily: 1500, ticket: 139, join: 3, plan: planReapplied, reason: "fans_mismatch",
		note: "申报粉丝 52,000 与视频号后台不符,运营已核实为 15,200 并更正,请重新提交报名。", category: 0},
	{key: "snack_king", name: "零食大王", channelName: "零食大王官方店", merchant: true, fans: 19000, selfOperated: true, daily: 2400, ticket: 49, join: 17, plan: planPending, category: 3},
	{key: "sport_max", name: "Max", channelName: "运动达人Max", fans: 26000, daily: 800, ticket: 199, join: 4, plan: planWithdrawn, category: 5},
	{key: "fake_fans", name: "推荐官", channelName: "爆款推荐官", fans: 45000, daily: 300, ticket: 39, join: 5, plan: planRejected, reason: "fans_mismatch",
		note: "申报粉丝 45,000,视频号后台有效粉丝约 3,200,请按实际粉丝数更新后重新报名。", category: 2},
	{key: "no_enable", name: "山城火锅", channelName: "山城火锅底料", merchant: true, fans: 12000, disabled: true, join: 6, plan: planNone, category: 3},
	// 1,000–9,999 fans: 2 a day.
	{key: "study_notes", name: "学霸君", channelName: "学霸笔记文具", fans: 4200, daily: 900, ticket: 35, join: 1, plan: planApproved, category: 6},
	{key: "jiangnan_silk", name: "江南丝绸坊", channelName: "江南丝绸坊", merchant: true, fans: 7800, baseline: 600, daily: 1800, ticket: 238, join: 2, plan: planApproved, category: 0},
	{key: "fitness_amy", name: "Amy", channelName: "Amy健身", fans: 2300, daily: 400, ticket: 69, join: 4, plan: planApproved, category: 5},
	{key: "home_fix", name: "阿福", channelName: "家居小改造", fans: 1020, daily: 200, ticket: 45, join: 5, plan: planApproved, category: 2},
	{key: "tea_girl", name: "小茶", channelName: "茶艺小妹", fans: 3600, baseline: 300, daily: 500, ticket: 88, join: 6, plan: planApproved, category: 4},
	{key: "baby_goods", name: "宝妈阿敏", channelName: "宝妈好物", fans: 9400, daily: 1200, ticket: 76, join: 7, plan: planApproved, category: 2},
	{key: "book_club", name: "书虫", channelName: "读书会荐书", fans: 5100, daily: 350, ticket: 42, join: 8, plan: planApproved, category: 6},
	{key: "craft_wood", name: "木匠阿明", channelName: "木作手工", fans: 6600, baseline: 150, daily: 900, ticket: 158, join: 12, plan: planApproved, category: 2},
	{key: "haowu_lab", name: "好物实验室", channelName: "好物实验室", fans: 4400, daily: 260, ticket: 66, join: 2, plan: planRejected, reason: "violation",
		note: "近 30 天内有虚假宣传违规记录,整改完成后可重新报名。", category: 2},
	{key: "haowu_lab2", channel: "HaoWu_Lab", name: "好物实验室2号", channelName: "好物实验室·2号", fans: 4600, daily: 120, ticket: 66, join: 17, plan: planPending, category: 2},
	{key: "no_switch", name: "手作阿珍", channelName: "手作饰品", fans: 1800, daily: 90, ticket: 29, join: 6, plan: planRejected, reason: "not_enabled",
		note: "视频号尚未开通短视频带货功能,开通后可重新报名。", category: 0},
	{key: "twin_acct", name: "小鹿(小号)", channelName: "小鹿好物分享·小号", fans: 2100, daily: 60, ticket: 39, join: 9, plan: planRejected, reason: "duplicate",
		note: "与视频号“小鹿好物分享”为同一主体,每个主体只能报名一个视频号。", category: 2},
	{key: "travel_mei", name: "梅子", channelName: "梅子旅行", fans: 8800, daily: 300, ticket: 129, join: 9, plan: planWithdrawn, category: 5},
	{key: "wine_cellar", name: "酒窖小馆", channelName: "酒窖小馆", merchant: true, fans: 3300, daily: 700, ticket: 188, join: 11, plan: planWithdrawn, category: 4},
	{key: "cycle_kid", name: "童装小铺", channelName: "童装小铺", merchant: true, fans: 2800, daily: 400, ticket: 89, join: 12, plan: planCycles, category: 0},
	{key: "yuchuan_da", name: "小雨", channelName: "小雨穿搭", fans: 1030, daily: 150, ticket: 99, join: 16, plan: planPending, category: 0},
	{key: "garden_life", name: "花姐", channelName: "花园生活", fans: 7200, baseline: 200, daily: 300, ticket: 58, join: 18, plan: planPending, category: 2},
	// Fewer than 1,000 fans: 1 a day; self-operated shops are eligible anyway.
	{key: "shop_honey", name: "蜂蜜小铺", channelName: "蜂蜜小铺(店铺自营)", merchant: true, fans: 620, selfOperated: true, daily: 300, ticket: 68, join: 3, plan: planApproved, category: 3},
	{key: "shop_rice", name: "五常大米", channelName: "五常大米旗舰店", merchant: true, fans: 850, selfOperated: true, baseline: 400, daily: 1600, ticket: 118, join: 4, plan: planApproved, category: 3},
	{key: "newbie_985", name: "小白", channelName: "小白学带货", fans: 985, daily: 50, ticket: 25, join: 8, plan: planNone, category: 2},
}

// demoProducts are product names by category, for video titles and products.
var demoProducts = [][]string{
	{"玻尿酸补水面膜", "氨基酸洁面乳", "防晒喷雾 SPF50", "真丝眼罩", "桑蚕丝围巾"},
	{"降噪蓝牙耳机", "65W 氮化镓充电器", "便携云台", "机械键盘", "微单相机镜头"},
	{"可折叠收纳箱", "懒人拖把", "猫咪冻干零食", "不锈钢保温杯", "多功能置物架"},
	{"五常稻花香大米", "云南冰糖橙", "长白山黑木耳", "土蜂蜜 500g", "手工腊肠"},
	{"明前龙井 250g", "挂耳咖啡 30 包", "普洱熟茶饼", "冻干咖啡粉", "青梅酒"},
	{"轻量登山杖", "速干运动 T 恤", "瑜伽垫", "露营折叠椅", "跳绳计数款"},
	{"错题本套装", "考研英语词汇书", "中性笔 12 支装", "儿童绘本套装", "书立"},
}

// demoTitles are video title patterns; %s is the product.
var demoTitles = []string{"实测一周:%s 值不值得买", "%s 开箱,细节都在这里", "三分钟看懂 %s", "为什么我回购了 %s", "%s 的 5 种用法"}
