module github.com/paperlint/papers

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/nickng/bibtex v1.4.2
	github.com/rogpeppe/go-internal v1.16.0
	github.com/yuin/goldmark v1.8.7
	golang.org/x/term v0.48.0
	golang.org/x/text v0.44.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/sourcegraph/jsonrpc2 v0.2.0 // indirect
	github.com/tliron/glsp v0.2.2 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
