package benchgen

import "bytes"

// LongLineUnit is the text LongLine repeats: Chinese and English written
// without spaces, with half-width punctuation inside Chinese, about eight
// findings of the CJK rules per repetition.
const LongLineUnit = "在Criteo数据集上用BERT编码query和passage，效果提升3.9%；"

// LongLine is a notes file whose one note is a single line of about size
// bytes of mixed Chinese and English text, as a paragraph pasted from a
// PDF or a minified file can be: at 20 MB, about 2.4 million findings on
// one line. The benchmarks and bench/compare.sh measure the cost of a
// finding with it.
func LongLine(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 64)
	b.WriteString("## 长行\n### A Long Line[KDD'18][Google]\n- ")
	for b.Len() < size {
		b.WriteString(LongLineUnit)
	}
	b.WriteString("\n")
	return b.Bytes()
}
