module github.com/paperlint/papers

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/nickng/bibtex v1.4.2 // indirect
	github.com/rogpeppe/go-internal v1.16.0 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/text v0.44.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
