package benchgen

// The word banks below are invented for this generator. Real venue names,
// organisation names and technical terms are facts; every Chinese sentence
// fragment was written for this file.

// field is a research area. Sections, titles, venues and note terms are
// drawn from the field of their section so that the output reads like a
// real reading list rather than word salad.
type field int

const (
	fML field = iota
	fCV
	fNLP
	fRec
	fSys
	fSec
	numFields
)

// topics are section headings (in Chinese) per field.
var topics = [numFields][]string{
	fML:  {"优化方法", "表示学习", "强化学习", "图神经网络", "生成模型", "联邦学习", "模型压缩", "元学习", "因果推断", "不确定性估计"},
	fCV:  {"目标检测", "图像分割", "三维重建", "视频理解", "图像生成", "自监督视觉表征", "人体姿态估计", "多模态学习"},
	fNLP: {"预训练语言模型", "机器翻译", "信息抽取", "问答系统", "对话系统", "文本生成", "大模型对齐"},
	fRec: {"推荐系统", "信息检索、搜索", "点击率预估", "知识图谱", "图挖掘"},
	fSys: {"分布式训练", "存储系统", "网络系统", "编译器", "推理服务", "数据库"},
	fSec: {"对抗攻防", "模糊测试", "隐私保护", "恶意软件检测", "软件漏洞"},
}

// Title parts. Nouns are per field; the rest is shared.
var (
	titleAdjectives = []string{
		"Efficient", "Scalable", "Robust", "Adaptive", "Unified", "Hierarchical", "Lightweight",
		"Sparse", "Dynamic", "Generalizable", "Interpretable", "Federated", "Self-Supervised",
		"Contrastive", "Differentiable", "Zero-Shot", "Few-Shot", "Multi-Scale", "Cross-Modal",
		"Incremental", "Distributed", "Provable", "Fast", "Secure", "Private", "Memory-Efficient",
		"Training-Free", "Parameter-Efficient", "Long-Context", "Fine-Grained", "Causal",
		"Continual", "Decentralized", "Accurate", "Practical", "Elastic",
	}
	titleNouns = [numFields][]string{
		fML: {"Representation Learning", "Stochastic Optimization", "Mixture-of-Experts", "Graph Neural Networks",
			"Diffusion Models", "Policy Optimization", "Bayesian Inference", "Transformers", "Reward Modeling",
			"Kernel Methods", "Normalizing Flows", "Neural Architecture Search", "Offline Reinforcement Learning",
			"Domain Adaptation", "Federated Learning", "Model Compression", "Uncertainty Estimation"},
		fCV: {"Object Detection", "Semantic Segmentation", "Image Synthesis", "Video Understanding",
			"3D Reconstruction", "Pose Estimation", "Visual Tracking", "Vision Transformers",
			"Point Cloud Registration", "Depth Estimation", "Image Retrieval", "Scene Graph Generation",
			"Novel View Synthesis", "Instance Segmentation", "Image Restoration", "Visual Question Answering"},
		fNLP: {"Machine Translation", "Question Answering", "Named Entity Recognition", "Text Summarization",
			"Dialogue Systems", "Instruction Following", "Language Model Alignment", "Relation Extraction",
			"Code Generation", "Reading Comprehension", "Sentiment Analysis", "Language Models",
			"Retrieval-Augmented Generation", "Semantic Parsing"},
		fRec: {"Click-Through Rate Prediction", "Sequential Recommendation", "Dense Retrieval", "Learning to Rank",
			"Query Understanding", "Embedding-based Retrieval", "Candidate Generation", "Knowledge Graph Completion",
			"Session-based Recommendation", "Ad Ranking", "Conversion Rate Estimation", "Product Search",
			"Graph Mining", "Community Detection"},
		fSys: {"Distributed Training", "Key-Value Stores", "LLM Serving", "Stream Processing", "Cluster Scheduling",
			"Serverless Computing", "Storage Systems", "Network Telemetry", "Datacenter Networks",
			"Transaction Processing", "GPU Kernels", "Model Inference", "File Systems", "Query Optimization",
			"Congestion Control", "Tensor Compilers"},
		fSec: {"Fuzz Testing", "Malware Detection", "Adversarial Robustness", "Membership Inference",
			"Binary Analysis", "Smart Contract Verification", "Backdoor Defense", "Differential Privacy",
			"Side-Channel Detection", "Vulnerability Discovery", "Kernel Exploitation", "Intrusion Detection",
			"Model Watermarking", "Phishing Detection", "Software Supply Chain Security"},
	}
	titleTechniques = []string{
		"Contrastive Pretraining", "Graph Attention", "Sparse Mixture-of-Experts", "Knowledge Distillation",
		"Reinforcement Learning", "Low-Rank Adaptation", "Adversarial Training", "Program Synthesis",
		"Symbolic Execution", "Hierarchical Attention", "Latent Diffusion", "Learned Indexes",
		"Speculative Decoding", "Prompt Tuning", "Gradient Compression", "Masked Autoencoders",
		"Optimal Transport", "Meta-Learning", "Large Language Models", "Neural Radiance Fields",
		"Dynamic Sparsity", "Quantization", "Curriculum Learning", "Retrieval Augmentation",
		"Causal Intervention", "Hash Embeddings", "State Space Models", "Kernel Fusion",
		"Taint Tracking", "Differentiable Rendering", "Graph Partitioning", "Pipeline Parallelism",
	}
	titleContexts = []string{
		"in the Wild", "at Scale", "on Edge Devices", "for Heterogeneous Clusters", "under Distribution Shift",
		"with Noisy Labels", "without Labels", "in Production", "across Domains", "from a Single Image",
		"with Limited Data", "under Memory Constraints", "for Long Sequences", "in Open-World Settings",
		"with Theoretical Guarantees", "on Commodity Hardware",
	}
	titleProperties = []string{
		"Robustness", "Convergence", "Expressivity", "Generalization", "Limits", "Effectiveness",
		"Scalability", "Stability", "Sample Complexity", "Pitfalls",
	}
	titleStudies = []string{
		"An Empirical Study", "A Survey", "A Benchmark", "A Systematic Evaluation", "A Unified View",
		"Lessons Learned", "A Closer Look",
	}
	titleScales = []string{
		"Billions of Parameters", "Thousands of GPUs", "Trillion-Token Corpora", "Millions of Users",
		"Petabyte-Scale Data", "Hundreds of Languages",
	}
	methodPrefixes = []string{
		"Flash", "Deep", "Graph", "Meta", "Hyper", "Neuro", "Sparse", "Fast", "Omni", "Uni", "Self",
		"Mix", "Auto", "Turbo", "Astra", "Co", "Dyna", "Res", "Vi", "Sem", "Poly", "Giga", "Nano",
		"Pro", "Quant", "Tiny", "Long", "Swift", "Echo", "Orbit", "Prism", "Lumen",
	}
	methodSuffixes = []string{
		"Former", "Vision", "GNN", "Diff", "Match", "Seg", "Det", "Rec", "Fuzz", "Guard", "Store", "Serve",
		"Shard", "Tune", "BERT", "Flow", "Mamba", "Pipe", "Cache", "Rank", "Mixer", "Fusion", "Gen",
		"Sched", "Lens", "Scope", "Shield", "Track", "NeRF", "CLIP", "KV",
	}
)

// orgs are canonical organisation tags (see ../shared/reference/orgs.yaml).
// Ambiguous short forms (Ali, UW, MS, NTU) are left out: a clean entry must
// stay clean for any reasonable org rule.
var orgs = []string{
	"Google", "Meta", "MSRA", "Microsoft", "Tsinghua", "PKU", "Stanford", "CMU", "MIT", "UC Berkeley",
	"Alibaba", "ByteDance", "Tencent", "Baidu", "Huawei", "NVIDIA", "DeepMind", "OpenAI", "Amazon",
	"SJTU", "ZJU", "Fudan", "USTC", "NJU", "CUHK", "HKUST", "NUS", "ETH Zurich", "Oxford", "Meituan",
	"Kuaishou", "JD", "SenseTime", "Megvii", "Princeton", "UIUC", "Cornell", "Adobe", "Samsung",
	"Apple", "IBM", "Intel", "Georgia Tech", "UCLA", "Harvard", "KAIST", "Inria", "MPI", "Xiaomi",
}

// Author name banks. Each name has a display form (possibly with LaTeX
// accents, as DBLP writes them) and the ASCII form that goes into keys.
type nameForm struct{ tex, ascii string }

var (
	givenNames = []string{
		"Wei", "Jing", "Yu", "Hao", "Xin", "Lei", "Yang", "Jun", "Tao", "Ming", "Rui", "Chen", "Yi", "Zhe",
		"Xiaoyu", "Zhiwei", "Jiahao", "Yuxuan", "Shuo", "Kai", "Li", "Qian", "Bo", "Peng", "Fan",
		"John", "Emily", "Michael", "Sarah", "David", "Anna", "James", "Laura", "Daniel", "Sofia",
		"Thomas", "Julia", "Lukas", "Marie", "Pierre", "Elena", "Rahul", "Priya", "Arjun", "Kenji",
		"Yuki", "Min-jun", "Ji-woo", "Omar", "Fatima", "Mateo", "Lucas", "Noah", "Hannah", "Ivan",
	}
	familyNames = []nameForm{
		{"Zhang", "Zhang"}, {"Wang", "Wang"}, {"Li", "Li"}, {"Liu", "Liu"}, {"Chen", "Chen"},
		{"Yang", "Yang"}, {"Huang", "Huang"}, {"Zhao", "Zhao"}, {"Wu", "Wu"}, {"Zhou", "Zhou"},
		{"Xu", "Xu"}, {"Sun", "Sun"}, {"Ma", "Ma"}, {"Zhu", "Zhu"}, {"Hu", "Hu"}, {"Guo", "Guo"},
		{"He", "He"}, {"Lin", "Lin"}, {"Luo", "Luo"}, {"Gao", "Gao"}, {"Zheng", "Zheng"}, {"Tang", "Tang"},
		{"Smith", "Smith"}, {"Johnson", "Johnson"}, {"Brown", "Brown"}, {"Miller", "Miller"},
		{"Davis", "Davis"}, {"Wilson", "Wilson"}, {"Anderson", "Anderson"}, {"Taylor", "Taylor"},
		{"Martin", "Martin"}, {"Lee", "Lee"}, {"Kim", "Kim"}, {"Park", "Park"}, {"Nguyen", "Nguyen"},
		{"Garcia", "Garcia"}, {"Rossi", "Rossi"}, {"Schmidt", "Schmidt"}, {"Fischer", "Fischer"},
		{"M{\\\"{u}}ller", "Muller"}, {"Sch{\\\"{o}}lkopf", "Scholkopf"}, {"Jos{\\'{e}}", "Jose"},
		{"Lef{\\`{e}}vre", "Lefevre"}, {"G{\\\"{o}}k{\\c{c}}e", "Gokce"}, {"Nov{\\'{a}}k", "Novak"},
		{"Sharma", "Sharma"}, {"Gupta", "Gupta"}, {"Singh", "Singh"}, {"Tanaka", "Tanaka"},
		{"Suzuki", "Suzuki"}, {"Ivanov", "Ivanov"}, {"Kowalski", "Kowalski"}, {"Silva", "Silva"},
	}
)

// Note material, per field where the words differ. Terms are English (or
// mixed) words the notes embed in Chinese sentences.
var (
	noteTerms = [numFields][]string{
		fML: {"contrastive learning", "mixture of experts", "gradient clipping", "knowledge distillation",
			"LoRA", "diffusion model", "variational inference", "policy gradient", "meta-learning",
			"label smoothing", "curriculum learning", "normalizing flow", "score matching", "Adam",
			"dropout", "weight decay", "BatchNorm", "self-supervised learning", "sparse attention", "PPO"},
		fCV: {"ViT", "FPN", "anchor-free", "NeRF", "optical flow", "RoI Align", "MAE", "CLIP", "U-Net",
			"deformable convolution", "NMS", "point cloud", "semantic segmentation", "3D Gaussian splatting",
			"DETR", "Swin Transformer", "patch embedding", "ControlNet"},
		fNLP: {"BERT", "instruction tuning", "RLHF", "beam search", "tokenizer", "chain-of-thought",
			"RAG", "prompt tuning", "cross-attention", "in-context learning", "KV cache", "RoPE",
			"DPO", "span corruption", "reward model", "speculative decoding"},
		fRec: {"embedding", "two-tower", "negative sampling", "CTR", "attention pooling", "user behavior sequence",
			"inverted index", "HNSW", "multi-task learning", "MMoE", "cold start", "listwise loss",
			"feature crossing", "ANN", "query rewriting", "re-ranking"},
		fSys: {"pipeline parallelism", "tensor parallelism", "RDMA", "all-reduce", "PagedAttention",
			"LSM-tree", "Raft", "kernel fusion", "zero-copy", "RPC", "checkpointing", "eBPF",
			"GPU scheduling", "continuous batching", "ZeRO", "NVLink", "MVCC"},
		fSec: {"fuzzing", "symbolic execution", "taint analysis", "adversarial example", "differential privacy",
			"membership inference", "backdoor", "sandbox", "CFI", "side channel", "coverage feedback",
			"model extraction", "ASan", "seed scheduling", "ROP", "watermark"},
	}
	noteDatasets = [numFields][]string{
		fML:  {"CIFAR-10", "CIFAR-100", "ImageNet", "MuJoCo", "Atari", "OGB", "D4RL"},
		fCV:  {"COCO", "ImageNet", "ADE20K", "Cityscapes", "KITTI", "nuScenes", "ScanNet", "LVIS"},
		fNLP: {"GLUE", "SQuAD", "MMLU", "WMT14", "C4", "GSM8K", "HumanEval", "Natural Questions"},
		fRec: {"MovieLens", "Criteo", "Amazon Books", "MS MARCO", "BEIR", "Taobao", "Yelp"},
		fSys: {"TPC-C", "YCSB", "TPC-H", "ShareGPT", "MLPerf", "Azure traces"},
		fSec: {"LAVA-M", "Magma", "FuzzBench", "Juliet", "EMBER", "VirusShare"},
	}
	noteBaselines = [numFields][]string{
		fML:  {"ResNet-50", "SimCLR", "MoCo", "SAC", "GCN", "GAT", "DDPM", "Adam"},
		fCV:  {"Faster R-CNN", "Mask R-CNN", "DETR", "ResNet-101", "Swin-T", "Stable Diffusion", "YOLOv5"},
		fNLP: {"BERT-base", "GPT-2", "T5", "LLaMA", "RoBERTa", "BART", "Mistral-7B"},
		fRec: {"DIN", "DeepFM", "Wide & Deep", "DCN", "SASRec", "BM25", "DPR", "ColBERT"},
		fSys: {"Megatron-LM", "DeepSpeed", "vLLM", "RocksDB", "Horovod", "TVM", "Spark"},
		fSec: {"AFL", "AFLFast", "libFuzzer", "KLEE", "Syzkaller", "Angora", "Neural Cleanse"},
	}
	noteMetrics  = []string{"mAP", "AUC", "NDCG", "Recall", "BLEU", "F1", "top-1", "GAUC", "MRR", "IoU", "QPS"}
	noteHardware = []string{"A100", "V100", "H100", "TPU v4", "RTX 3090", "MI250"}
	noteLangs    = []string{"PyTorch", "JAX", "TensorFlow", "Triton", "CUDA", "Rust", "Go"}
	noteCode     = []string{"torch.compile", "make test", "pip install -e .", "python train.py", "go test ./...", "cargo run --release"}
)

// notePrefixes open a note with a short Chinese label and a full-width
// colon. They also guarantee a "full-width punctuation after Chinese" spot
// when a note must carry an ASCII punctuation defect.
var notePrefixes = []string{"动机：", "方法：", "实验：", "结论：", "问题：", "思路：", "不足：", "亮点：", "细节：", "背景："}

// noteClauses are clause templates. Slots: {T} term, {U} another term,
// {D} dataset, {E} another dataset, {B} baseline, {M} the paper's method
// name, {K} metric, {H} hardware, {L} language or framework, {C} a command
// (rendered as a code span), {N} and {P} small integers, {F} a decimal,
// {R} a correlation such as 0.87, {X} a larger integer. Templates are
// written without spaces between Chinese and Latin text: the renderer adds
// them (or, for a planted defect, leaves some out). Full-width punctuation
// follows Chinese text; ASCII punctuation never does.
var noteClauses = []string{
	"提出了一种基于{T}的{M}框架",
	"针对{T}在长序列上开销过大的问题设计了新的结构",
	"核心思想是把{T}和{U}结合起来共同建模",
	"在{D}数据集上比{B}提升了{F}个点",
	"训练时采用{T}策略，推理阶段没有额外开销",
	"作者指出现有方法忽略了样本之间的相关性",
	"整体框架分为编码器和解码器两部分，编码器用{B}初始化",
	"消融实验表明{T}模块的贡献最大",
	"在{N}张{H}上训练了大约{P}天",
	"引入了一个轻量的{T}分支用来捕获局部信息",
	"把问题形式化为带约束的优化问题，再用{T}近似求解",
	"相比{B}参数量减少了{N}倍，但效果基本持平",
	"主要贡献有三点：新的数据集、新的评价指标和一个很强的基线",
	"损失函数由{T}损失和正则项两部分组成",
	"实验覆盖了{N}个公开数据集，包括{D}和{E}",
	"缺点是对超参数比较敏感，复现难度较大",
	"代码已经开源，基于{L}实现",
	"用{T}替换了原来的注意力机制，复杂度从平方降到线性",
	"思路比较简单，但工程上很有参考价值",
	"线上实验中{K}提升了{F}个百分点",
	"分析了{T}失效的原因，并给出了理论上界",
	"{M}部署到线上之后延迟降低了{X}毫秒",
	"通过知识蒸馏把大模型的能力迁移到小模型上",
	"数据增强部分使用了{T}和随机裁剪",
	"作者认为瓶颈在于内存带宽而不是算力",
	"设计了一个两阶段流程：先粗排再精排",
	"采用{T}对候选集合进行重排序",
	"与同期工作{B}相比，{M}更强调可解释性",
	"在{D}上达到了新的SOTA",
	"利用{T}生成伪标签，再进行自训练",
	"调度器可以根据负载动态调整{T}的并行度",
	"实现上用{L}写了定制的算子",
	"吞吐量是{B}的{F}倍",
	"在{D}上把攻击成功率降低了一半以上",
	"发现了{X}个此前未知的漏洞，其中{N}个获得了CVE编号",
	"基于覆盖率反馈的变异策略明显提高了路径发现效率",
	"隐私预算较小时仍能保持较高的{K}",
	"威胁模型假设攻击者只能进行黑盒查询",
	"把图结构信息编码进{T}里",
	"负采样策略对最终效果的影响很大",
	"把用户的长期兴趣和短期兴趣分开建模",
	"检索阶段使用{T}做近似最近邻搜索",
	"证明了算法在凸情形下的收敛速度",
	"讨论部分提到方法在小样本场景下仍有局限",
	"作者还发布了包含{X}条样本的新基准",
	"在单张{H}上推理速度达到每秒{X}帧",
	"通过{T}减少了跨节点的通信量",
	"采用混合精度训练节省了约一半显存",
	"作为预训练目标，{T}比掩码语言模型更高效",
	"实验设置比较公平，所有基线都重新调过参",
	"可视化结果说明{M}学到了更合理的注意力分布",
	"可以看作是{B}在多模态场景下的推广",
	"关键在于如何构造高质量的正负样本对",
	"只需要改几行代码就能接入现有的{L}训练流程",
	"后续可以考虑结合{T}进一步提升鲁棒性",
	"对比了{N}种不同的{T}变体",
	"把{T}看作一个序列决策过程，用强化学习来优化",
	"在存储层引入日志结构合并树来降低写放大",
	"该方法对分布外数据的泛化能力明显更好",
	"用 `{C}` 一条命令即可复现主要结果",
	"时间复杂度为 $O(n \\log n)$，空间复杂度为 $O(n)$",
	"作者在附录（第{N}节）里补充了更多对比实验",
	"{K}与人工评测的结果基本一致（相关系数约{R}）",
	"提出的{M}在{D}和{E}上都取得了最好的{K}",
}
