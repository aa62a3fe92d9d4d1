package bib_test

import (
	"fmt"
	"os"

	"github.com/paperlint/papers/bib"
)

func Example() {
	src := `@string{kdd = "Proc. of KDD"}
@inproceedings{zhou2018din,
  title     = "{DIN}: Deep Interest Network for Click-Through Rate Prediction",
  booktitle = kdd,
  year      = 2018
  author    = {Zhou, Guorui},
}`
	f := bib.Parse("refs.bib", []byte(src))
	e := f.Entries[0]
	fmt.Println(e.Key, "|", e.Get("Title"), "|", e.Get("booktitle"))
	fmt.Println(e.Field("title").Plain())
	for _, d := range f.Diagnostics {
		fmt.Printf("%s at byte %d: %s\n", d.Code, d.Start, d.Message)
	}
	if _, err := bib.Write(os.Stdout, f.Entries, bib.WriteOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// zhou2018din | {DIN}: Deep Interest Network for Click-Through Rate Prediction | Proc. of KDD
	// DIN: Deep Interest Network for Click-Through Rate Prediction
	// syntax at byte 178: missing comma after field "year"? Entry "zhou2018din" continues with field "author"; add "," after the value of "year"
	// @inproceedings{zhou2018din,
	//   author    = {Zhou, Guorui},
	//   title     = {{DIN}: Deep Interest Network for Click-Through Rate Prediction},
	//   booktitle = kdd,
	//   year      = {2018}
	// }
}
