package report

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
)

// The OASIS SARIF 2.1.0 schema is not copied into the repository (it is
// published under the OASIS IPR policy, not an open-source licence); the
// tests read it from PAPERS_SARIF_SCHEMA, from testdata/ if someone puts it
// there, or from the shared reference folder next to the checkout, and skip
// the schema checks when none is found. TestSARIFLog and friends decode
// with DisallowUnknownFields and run without it.
var schemaPaths = []string{
	"testdata/sarif-schema-2.1.0.json",
	filepath.Join(testkit.SharedDir(), "reference", "sarif-schema-2.1.0.json"),
}

// schemaChecker validates JSON documents against a draft-04 JSON schema. It
// implements the keywords the SARIF schema uses (and fails on any other, so
// that nothing is skipped silently): $ref to #/definitions, type, enum,
// minimum, maximum, pattern, format (uri, uri-reference), required,
// properties, additionalProperties, items, minItems, uniqueItems, anyOf,
// oneOf.
type schemaChecker struct {
	root map[string]any
	defs map[string]any
}

// loadSchema finds and reads the schema. When it is missing, a test that
// needs it is skipped; one that does not gets nil.
func loadSchema(t testing.TB, need bool) *schemaChecker {
	t.Helper()
	paths := schemaPaths
	if p := os.Getenv("PAPERS_SARIF_SCHEMA"); p != "" {
		paths = []string{p}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var root map[string]any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		if err := dec.Decode(&root); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		defs, _ := root["definitions"].(map[string]any)
		if defs == nil {
			t.Fatalf("%s: no definitions", p)
		}
		return &schemaChecker{root: root, defs: defs}
	}
	if need {
		t.Skipf("SARIF schema not found (looked at %v; set PAPERS_SARIF_SCHEMA)", paths)
	}
	return nil
}

// validation collects the errors of one document and the definitions it
// was checked against.
type validation struct {
	c       *schemaChecker
	errs    []string
	visited map[string]bool
}

// validateDoc decodes doc and checks it against the whole schema.
func (c *schemaChecker) validateDoc(t testing.TB, doc string) []string {
	t.Helper()
	errs, _ := c.validate(t, decodeNumbers(t, doc))
	return errs
}

func (c *schemaChecker) validate(t testing.TB, v any) ([]string, map[string]bool) {
	t.Helper()
	val := &validation{c: c, visited: map[string]bool{}}
	val.check("$", v, c.root)
	return val.errs, val.visited
}

func decodeNumbers(t testing.TB, doc string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return v
}

func (v *validation) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

// known are the keywords check understands; the root's own keywords are
// skipped where they cannot matter.
var known = map[string]bool{
	"$ref": true, "type": true, "enum": true, "minimum": true, "maximum": true, "pattern": true, "format": true,
	"required": true, "properties": true, "additionalProperties": true, "items": true, "minItems": true,
	"uniqueItems": true, "anyOf": true, "oneOf": true,
	"description": true, "default": true, "title": true, "id": true, "$schema": true, "definitions": true,
}

func (v *validation) check(path string, val any, sch map[string]any) {
	for k := range sch {
		if !known[k] {
			v.errorf(path, "schema keyword %q is not supported by this checker", k)
		}
	}
	if ref, ok := sch["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		def, _ := v.c.defs[name].(map[string]any)
		if !ok || def == nil {
			v.errorf(path, "cannot resolve $ref %q", ref)
			return
		}
		v.visited[name] = true
		v.check(path, val, def) // draft-04: a $ref's siblings do not apply
		return
	}
	if t, ok := sch["type"]; ok && !typeMatches(val, t) {
		v.errorf(path, "type %s, want %v", jsonType(val), t)
		return
	}
	if enum, ok := sch["enum"].([]any); ok {
		if !slices.ContainsFunc(enum, func(e any) bool { return canonical(e) == canonical(val) }) {
			v.errorf(path, "%s is not one of %v", canonical(val), enum)
		}
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		subs, ok := sch[key].([]any)
		if !ok {
			continue
		}
		passed := 0
		for _, s := range subs {
			sub := &validation{c: v.c, visited: map[string]bool{}}
			sub.check(path, val, s.(map[string]any))
			if len(sub.errs) == 0 {
				passed++
				for d := range sub.visited {
					v.visited[d] = true
				}
			}
		}
		if key == "anyOf" && passed == 0 || key == "oneOf" && passed != 1 {
			v.errorf(path, "%s: %d of %d alternatives hold", key, passed, len(subs))
		}
	}
	switch x := val.(type) {
	case json.Number:
		f, _ := x.Float64()
		if m, ok := sch["minimum"].(json.Number); ok {
			if lim, _ := m.Float64(); f < lim {
				v.errorf(path, "%s is below the minimum %s", x, m)
			}
		}
		if m, ok := sch["maximum"].(json.Number); ok {
			if lim, _ := m.Float64(); f > lim {
				v.errorf(path, "%s is above the maximum %s", x, m)
			}
		}
	case string:
		if p, ok := sch["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				v.errorf(path, "pattern %q: %v", p, err)
			} else if !re.MatchString(x) {
				v.errorf(path, "%q does not match %q", x, p)
			}
		}
		if f, ok := sch["format"].(string); ok {
			v.checkFormat(path, x, f)
		}
	case map[string]any:
		v.checkObject(path, x, sch)
	case []any:
		v.checkArray(path, x, sch)
	}
}

func (v *validation) checkObject(path string, obj map[string]any, sch map[string]any) {
	if req, ok := sch["required"].([]any); ok {
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				v.errorf(path, "required property %q is missing", r)
			}
		}
	}
	props, _ := sch["properties"].(map[string]any)
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys) // errors in a stable order
	for _, k := range keys {
		p := path + "." + k
		if ps, ok := props[k].(map[string]any); ok {
			v.check(p, obj[k], ps)
			continue
		}
		switch ap := sch["additionalProperties"].(type) {
		case bool:
			if !ap {
				v.errorf(p, "property not allowed here")
			}
		case map[string]any:
			v.check(p, obj[k], ap)
		}
	}
}

func (v *validation) checkArray(path string, arr []any, sch map[string]any) {
	if m, ok := sch["minItems"].(json.Number); ok {
		if n, _ := m.Int64(); int64(len(arr)) < n {
			v.errorf(path, "%d items, want at least %d", len(arr), n)
		}
	}
	if u, _ := sch["uniqueItems"].(bool); u {
		seen := map[string]int{}
		for i, it := range arr {
			c := canonical(it)
			if j, dup := seen[c]; dup {
				v.errorf(path, "items %d and %d are equal, the schema wants them unique", j, i)
			}
			seen[c] = i
		}
	}
	if is, ok := sch["items"].(map[string]any); ok {
		for i, it := range arr {
			v.check(path+"["+strconv.Itoa(i)+"]", it, is)
		}
	}
}

func (v *validation) checkFormat(path, s, format string) {
	switch format {
	case "uri", "uri-reference":
		u, err := url.Parse(s)
		switch {
		case err != nil:
			v.errorf(path, "%q is not a URI reference: %v", s, err)
		case !isURIChars(s):
			v.errorf(path, "%q has characters a URI may not hold unescaped", s)
		case format == "uri" && u.Scheme == "":
			v.errorf(path, "%q is not an absolute URI", s)
		}
	default:
		v.errorf(path, "format %q is not supported by this checker", format)
	}
}

func typeMatches(val any, t any) bool {
	switch t := t.(type) {
	case string:
		got := jsonType(val)
		return got == t || t == "number" && got == "integer"
	case []any:
		return slices.ContainsFunc(t, func(x any) bool { return typeMatches(val, x) })
	}
	return false
}

func jsonType(val any) string {
	switch x := val.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", val)
}

// canonical is a value's JSON with sorted keys, for equality.
func canonical(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// TestSARIFSchema validates the fixture's SARIF against the OASIS schema
// and checks that every kind of object papers writes was met.
func TestSARIFSchema(t *testing.T) {
	c := loadSchema(t, true)
	out := render(t, "sarif", fixtureDiags(fixture(t)), fixtureOptions())
	errs, visited := c.validate(t, decodeNumbers(t, out))
	if len(errs) > 0 {
		t.Errorf("schema violations:\n%s", strings.Join(errs, "\n"))
	}
	for _, def := range []string{
		"run", "tool", "toolComponent", "reportingDescriptor", "reportingConfiguration", "multiformatMessageString",
		"result", "location", "physicalLocation", "artifactLocation", "region", "fix", "artifactChange",
		"replacement", "artifactContent", "message", "propertyBag", "invocation", "runAutomationDetails",
	} {
		if !visited[def] {
			t.Errorf("the fixture never exercised %s", def)
		}
	}
	// The empty log is valid too.
	if errs := c.validateDoc(t, render(t, "sarif", nil, Options{})); len(errs) > 0 {
		t.Errorf("empty log: schema violations:\n%s", strings.Join(errs, "\n"))
	}
}

// TestSchemaCheckerCatches breaks a valid log in the ways that matter and
// expects the checker to notice each: a checker that passes everything
// would make TestSARIFSchema worthless.
func TestSchemaCheckerCatches(t *testing.T) {
	c := loadSchema(t, true)
	out := render(t, "sarif", fixtureDiags(fixture(t)), fixtureOptions())

	obj := func(v any, keys ...any) map[string]any {
		for _, k := range keys {
			switch k := k.(type) {
			case string:
				v = v.(map[string]any)[k]
			case int:
				v = v.([]any)[k]
			}
		}
		return v.(map[string]any)
	}
	result := func(doc any, i int) map[string]any { return obj(doc, "runs", 0, "results", i) }
	region := func(doc any) map[string]any {
		return obj(result(doc, 0), "locations", 0, "physicalLocation", "region")
	}
	tests := []struct {
		name   string
		mutate func(doc any)
		want   string
	}{
		{"unknown key", func(doc any) { region(doc)["charCount"] = 1 }, "region.charCount: property not allowed"},
		{"missing required", func(doc any) { delete(result(doc, 0), "message") }, `required property "message"`},
		{"bad enum", func(doc any) { result(doc, 0)["level"] = "info" }, `"info" is not one of`},
		{"below minimum", func(doc any) { region(doc)["startColumn"] = json.Number("0") }, "below the minimum"},
		{"wrong type", func(doc any) { result(doc, 0)["ruleIndex"] = "0" }, "type string, want integer"},
		{"duplicate unique items", func(doc any) {
			r := result(doc, 2)
			rl := r["relatedLocations"].([]any)
			r["relatedLocations"] = []any{rl[0], rl[0]}
		}, "are equal"},
		{"empty replacements", func(doc any) {
			obj(result(doc, 2), "fixes", 0, "artifactChanges", 0)["replacements"] = []any{}
		}, "0 items, want at least 1"},
		{"unescaped URI", func(doc any) {
			obj(result(doc, 0), "locations", 0, "physicalLocation", "artifactLocation")["uri"] = "a b.md"
		}, "characters a URI may not hold"},
		{"message without text or id", func(doc any) { result(doc, 0)["message"] = map[string]any{} }, "anyOf: 0 of 2"},
		{"physical location without artifact", func(doc any) {
			delete(obj(result(doc, 0), "locations", 0, "physicalLocation"), "artifactLocation")
		}, "anyOf: 0 of 2"},
		{"wrong version", func(doc any) { doc.(map[string]any)["version"] = "2.0.0" }, `"2.0.0" is not one of`},
		{"relative informationUri", func(doc any) {
			obj(doc, "runs", 0, "tool", "driver")["informationUri"] = "papers"
		}, "not an absolute URI"},
		{"bad columnKind", func(doc any) { obj(doc, "runs", 0)["columnKind"] = "bytes" }, `"bytes" is not one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := decodeNumbers(t, out)
			tt.mutate(doc)
			errs, _ := c.validate(t, doc)
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }) {
				t.Errorf("no error containing %q; got %q", tt.want, errs)
			}
		})
	}
}
