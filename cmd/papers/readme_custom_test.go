package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/rules"
)

// readmeCustomExamples are notes for each ready example of the README's
// "Custom rules" section, what papers lint prints for them, and, for a
// fixable rule, the notes after --fix.
var readmeCustomExamples = map[string]struct {
	notes, want, fixed string
}{
	"no-todo": {
		notes: "## 检索\n### Dense Passage Retrieval for Open-Domain Question Answering[EMNLP'20][Meta]\n- 双塔。TODO 补实验\n- 还差消融，待补充。\n- TODOs 不是那个词。\n",
		want: "notes.md:3:6: warning: unfinished note: TODO [no-todo]\n" +
			"notes.md:4:8: warning: unfinished note: 待补充 [no-todo]\n",
	},
	"msra": {
		notes: "## 视觉\n### Deep Residual Learning for Image Recognition[CVPR'16][MS]\n- 残差连接。\n### Swin Transformer[ICCV'21][MSRA]\n- 移位窗口。\n",
		want:  "notes.md:2:59: warning: our lab is written [MSRA], not [MS] [msra]\n",
		fixed: "## 视觉\n### Deep Residual Learning for Image Recognition[CVPR'16][MSRA]\n- 残差连接。\n### Swin Transformer[ICCV'21][MSRA]\n- 移位窗口。\n",
	},
	"needs-link": {
		notes: "## 视觉\n### Deep Residual Learning for Image Recognition[CVPR'16][MSRA]\n- 早于 2021，不要求链接。\n" +
			"### Masked Autoencoders Are Scalable Vision Learners[CVPR'22][Meta]\n- 掩码重建。\n" +
			"### Segment Anything[ICCV'23][Meta]\n- 代码：<https://github.com/facebookresearch/segment-anything>\n",
		want: "notes.md:4:5: warning: \"Masked Autoencoders Are Scalable Vision Learners\" (CVPR 2022) has no link [needs-link]\n",
	},
	"short-notes": {
		notes: "## 视觉\n### Deep Residual Learning for Image Recognition[CVPR'16][MSRA]\n" + strings.Repeat("- 一行。\n", 9) +
			"### Segment Anything[ICCV'23][Meta]\n" + strings.Repeat("- 一行。\n", 8),
		want: "notes.md:2:5: info: 9 notes under \"Deep Residual Learning for Image Recognition\"; keep it to 8 [short-notes]\n",
	},
	"title-case": {
		notes: "## 视觉\n### Deep residual learning for image recognition[CVPR'16][MSRA]\n- 残差。\n" +
			"### BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding[NAACL'19][Google]\n- 预训练。\n",
		want:  "notes.md:2:5: warning: title case: Deep Residual Learning for Image Recognition [title-case]\n",
		fixed: "## 视觉\n### Deep Residual Learning for Image Recognition[CVPR'16][MSRA]\n- 残差。\n### BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding[NAACL'19][Google]\n- 预训练。\n",
	},
	"arxiv-spelling": {
		notes: "## 预训练\n### Language Models are Few-Shot Learners[NeurIPS'20][OpenAI]\n- 先挂在 arXiv 上，arXiv 版更长。\n- Arxiv 上的版本更早。\n",
		want:  "notes.md:4:3: warning: this file writes arXiv, not Arxiv [arxiv-spelling]\n",
		fixed: "## 预训练\n### Language Models are Few-Shot Learners[NeurIPS'20][OpenAI]\n- 先挂在 arXiv 上，arXiv 版更长。\n- arXiv 上的版本更早。\n",
	},
}

// TestReadmeCustomRules pastes each YAML block of the README's "Custom
// rules" section into a fresh .papers.yaml, lints notes with it (its rules
// only, as --rule picks them) and checks the findings; for a fixable rule,
// --fix must give the fixed notes and a second --fix change nothing.
func TestReadmeCustomRules(t *testing.T) {
	blocks := readmeYAMLBlocks(t, "## Custom rules")
	if len(blocks) != len(readmeCustomExamples) {
		t.Fatalf("the README's Custom rules section has %d YAML blocks; the test knows %d examples", len(blocks), len(readmeCustomExamples))
	}
	for _, block := range blocks {
		cfg, err := lint.ParseConfig(".papers.yaml", []byte(block))
		if err != nil {
			t.Fatalf("README example:\n%s\n%v", block, err)
		}
		if len(cfg.CustomRules) != 1 {
			t.Fatalf("README example declares %d rules, want 1:\n%s", len(cfg.CustomRules), block)
		}
		id := cfg.CustomRules[0].ID
		t.Run(id, func(t *testing.T) {
			ex, ok := readmeCustomExamples[id]
			if !ok {
				t.Fatalf("no notes for the README's example %s", id)
			}
			t.Chdir(t.TempDir())
			for name, data := range map[string]string{".papers.yaml": block, "notes.md": ex.notes} {
				if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, out, errs := runPapers(t, "lint", "--rule", id, "notes.md")
			if code == exitTrouble {
				t.Fatalf("papers lint exits 2: %s", errs)
			}
			if out != ex.want {
				t.Errorf("papers lint printed:\n%s\nwant:\n%s", out, ex.want)
			}
			if ex.fixed == "" {
				return
			}
			for round := range 2 {
				if code, _, errs := runPapers(t, "lint", "--rule", id, "--fix", "notes.md"); code == exitTrouble {
					t.Fatalf("papers lint --fix exits 2: %s", errs)
				}
				got, err := os.ReadFile("notes.md")
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != ex.fixed {
					t.Errorf("after --fix #%d:\n%s\nwant:\n%s", round+1, got, ex.fixed)
				}
			}
		})
	}
}

// readmeYAMLBlocks returns the ```yaml blocks of the README's section
// under heading, as written.
func readmeYAMLBlocks(t *testing.T, heading string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no %q section", heading)
	}
	if i := strings.Index(section, "\n## "); i >= 0 {
		section = section[:i]
	}
	var blocks []string
	for {
		_, rest, ok := strings.Cut(section, "\n```yaml\n")
		if !ok {
			return blocks
		}
		block, after, _ := strings.Cut(rest, "\n```\n")
		blocks = append(blocks, block+"\n")
		section = after
	}
}

// TestReadmeConfig reads the README's example .papers.yaml as papers
// does: every key of it, its custom rule included, must be accepted.
func TestReadmeConfig(t *testing.T) {
	blocks := readmeYAMLBlocks(t, "## Configuration")
	if len(blocks) == 0 {
		t.Fatal("the README's Configuration section has no YAML block")
	}
	cfg, err := lint.ParseConfig(".papers.yaml", []byte(blocks[0]))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lint.NewRunner(rules.All(), cfg); err != nil {
		t.Fatal(err)
	}
}
