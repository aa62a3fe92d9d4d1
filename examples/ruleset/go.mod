module example.com/ruleset

go 1.26.0

require github.com/paperlint/papers v0.0.0

require (
	github.com/nickng/bibtex v1.4.2 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/text v0.44.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

// The papers module of this repository; another module requires a
// published version instead.
replace github.com/paperlint/papers => ../..
