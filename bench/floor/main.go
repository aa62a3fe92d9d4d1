// Command floor parses Markdown files with goldmark (the same extensions
// papers uses) and does nothing else: the floor that papers' own speed is
// compared with in bench/compare.sh.
package main

import (
	"fmt"
	"os"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func main() {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	code := 0
	for _, path := range os.Args[1:] {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			code = 2
			continue
		}
		md.Parser().Parse(text.NewReader(src))
	}
	os.Exit(code)
}
