package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/internal/testkit"
)

// The tests below run the composite action of action.yml the way the
// Actions runner does, on a temporary workspace: each step's script with
// `bash --noprofile --norc -eo pipefail`, its env with the inputs filled
// in, the GITHUB_* variables and files of a run, GITHUB_PATH carried to
// the next step, and the first failing step ending the action. The
// install step really runs `go install ./cmd/papers` from the checkout.

// actionFile is the part of action.yml the runner reads.
type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

// actionStep is one step of a composite action or of a workflow job.
type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	Uses  string            `yaml:"uses"`
	If    string            `yaml:"if"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

// actionRun is what one run of the action left.
type actionRun struct {
	stdout, stderr string
	code           int               // the failing step's exit code, or 0
	outputs        map[string]string // the action's outputs
	summary        string            // what was appended to GITHUB_STEP_SUMMARY
}

// moduleRoot is the checkout, two folders up from cmd/papers.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// needTools skips the test when a tool the action's steps use is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH: %v", tool, err)
		}
	}
}

// loadAction reads action.yml and checks that it is a composite action of
// bash steps that take their inputs through env only (the runner's
// expressions are not emulated anywhere else, and an input spliced into a
// script could inject code).
func loadAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, s := range a.Runs.Steps {
		if s.Uses != "" || s.Shell != "bash" || s.If != "" || strings.Contains(s.Run, "${{") {
			t.Fatalf("step %q: want a bash run step without if, uses or expressions in its script", s.Name)
		}
		for k, v := range s.Env {
			if strings.Contains(v, "${{") && !inputExpr.MatchString(v) {
				t.Fatalf("step %q: env %s = %q: only ${{ inputs.NAME }} is emulated", s.Name, k, v)
			}
		}
	}
	return a
}

// inputExpr is the one expression the action's env may hold.
var inputExpr = regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`)

// runAction runs the action in workspace with the given inputs, as the
// runner would from a job whose repository is o/r at commit abc123.
func runAction(t *testing.T, workspace string, with map[string]string) actionRun {
	t.Helper()
	a := loadAction(t)
	for name := range with {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("the action has no input %q", name)
		}
	}
	tmp := t.TempDir()
	files := map[string]string{}
	for _, name := range []string{"GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV"} {
		files[name] = filepath.Join(tmp, strings.ToLower(name))
		if err := os.WriteFile(files[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := []string{
		"GITHUB_ACTIONS=true", "CI=true", "GITHUB_WORKSPACE=" + workspace, "GITHUB_ACTION_PATH=" + moduleRoot(t),
		"RUNNER_TEMP=" + tmp, "GITHUB_SERVER_URL=https://github.com", "GITHUB_REPOSITORY=o/r", "GITHUB_SHA=abc123",
	}
	for name, f := range files {
		base = append(base, name+"="+f)
	}
	var run actionRun
	var stdout, stderr strings.Builder
	for i, s := range a.Runs.Steps {
		env := cleanEnviron()
		env = append(env, base...)
		env = append(env, "PATH="+strings.Join(append(readLines(t, files["GITHUB_PATH"]), os.Getenv("PATH")), string(os.PathListSeparator)))
		for k, v := range s.Env {
			if m := inputExpr.FindStringSubmatch(v); m != nil {
				v = a.Inputs[m[1]].Default
				if w, ok := with[m[1]]; ok {
					v = w
				}
			}
			env = append(env, k+"="+v)
		}
		script := filepath.Join(tmp, "step"+strconv.Itoa(i)+".sh")
		if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir, cmd.Env = workspace, env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		stdout.Write(out.Bytes())
		stderr.Write(errOut.Bytes())
		if err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("step %q: %v", s.Name, err)
			}
			run.code = exit.ExitCode()
			break
		}
	}
	run.stdout, run.stderr = stdout.String(), stderr.String()
	stepOutputs := map[string]string{}
	for _, l := range readLines(t, files["GITHUB_OUTPUT"]) {
		if k, v, ok := strings.Cut(l, "="); ok {
			stepOutputs[k] = v
		}
	}
	run.outputs = map[string]string{}
	for name, o := range a.Outputs {
		// The only form used: ${{ steps.ID.outputs.NAME }}.
		if m := regexp.MustCompile(`^\$\{\{ steps\.[a-z-]+\.outputs\.([a-z-]+) \}\}$`).FindStringSubmatch(o.Value); m != nil {
			run.outputs[name] = stepOutputs[m[1]]
		} else {
			t.Fatalf("output %s = %q: not emulated", name, o.Value)
		}
	}
	summary, err := os.ReadFile(files["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	run.summary = string(summary)
	return run
}

// cleanEnviron is the test's environment without what would change how
// papers prints or what the runner would set itself.
func cleanEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "RUNNER_") || k == "PAPERS_CONTEXT" || k == "PATH" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// readLines returns the non-empty lines of a file the runner reads
// (GITHUB_PATH, GITHUB_OUTPUT).
func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// annotation is one workflow command the step printed.
type annotation struct{ kind, file, msg string }

// annotations reads the workflow commands of out, as the runner does, in
// order.
func annotations(out string) []annotation {
	var as []annotation
	for _, l := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(l, "::")
		if !ok {
			continue
		}
		head, msg, _ := strings.Cut(rest, "::")
		kind, props, _ := strings.Cut(head, " ")
		a := annotation{kind: kind, msg: msg}
		for _, kv := range strings.Split(props, ",") {
			if f, ok := strings.CutPrefix(kv, "file="); ok {
				a.file = f
			}
		}
		as = append(as, a)
	}
	return as
}

// checkAnnotations checks what GitHub would keep of the step's annotations:
// no more than 10 of a kind, errors first, and, when findings were left
// out, one last notice without a file that counts them so that shown plus
// counted is total. It returns how many findings the notice counted.
func checkAnnotations(t *testing.T, out string, total int) int {
	t.Helper()
	as := annotations(out)
	count := map[string]int{}
	rank := map[string]int{"error": 0, "warning": 1, "notice": 2}
	for i, a := range as {
		count[a.kind]++
		if _, ok := rank[a.kind]; !ok {
			t.Errorf("annotation %d: kind %q", i, a.kind)
		}
		if i > 0 && rank[a.kind] < rank[as[i-1].kind] {
			t.Errorf("annotation %d: %s after %s", i, a.kind, as[i-1].kind)
		}
	}
	for kind, n := range count {
		if n > 10 {
			t.Errorf("%d %s annotations; GitHub shows 10 of each kind per step", n, kind)
		}
	}
	left := 0
	if len(as) > 0 && as[len(as)-1].file == "" {
		last := as[len(as)-1]
		m := regexp.MustCompile(`^(\d+) more findings? (?:is|are) not shown .*To see all (\d+), run: papers lint`).FindStringSubmatch(last.msg)
		if last.kind != "notice" || m == nil {
			t.Fatalf("last annotation %+v: not the notice counting what is left out", last)
		}
		left, _ = strconv.Atoi(m[1])
		if all, _ := strconv.Atoi(m[2]); all != total {
			t.Errorf("the notice says all are %d, want %d", all, total)
		}
		as = as[:len(as)-1]
	}
	if len(as)+left != total {
		t.Errorf("%d annotations and %d counted by the notice, want %d findings in all", len(as), left, total)
	}
	return left
}

// summaryTotals adds up the rule rows of the step summary's table, by
// column (errors, warnings, infos, fixable), and reads its "all" row.
func summaryTotals(t *testing.T, summary string) (rows, all [4]int) {
	t.Helper()
	row := regexp.MustCompile(`(?m)^\| (.+?) \| \**(\d+)\** \| \**(\d+)\** \| \**(\d+)\** \| \**(\d+)\** \|$`)
	for _, m := range row.FindAllStringSubmatch(summary, -1) {
		var n [4]int
		for i := range n {
			n[i], _ = strconv.Atoi(m[i+2])
		}
		if strings.HasPrefix(m[1], "**all") {
			all = n
			continue
		}
		for i := range n {
			rows[i] += n[i]
		}
	}
	return rows, all
}

// TestActionSeed runs the action on the seed list: GitHub gets no more
// annotations of a kind than it shows, errors first, one notice counts the
// rest, and the step summary accounts for all 262 findings (261 before link labels were checked).
func TestActionSeed(t *testing.T) {
	needTools(t, "bash", "go")
	seed := testkit.Corpus(t, "notes/weekly-papers-readme.md")
	ws := t.TempDir()
	src, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	testkit.WriteFiles(t, ws, map[string]string{"weekly-papers-readme.md": string(src)})
	run := runAction(t, ws, nil)
	if run.code != exitFindings {
		t.Fatalf("exit %d, want 1 (the seed has error findings); stderr:\n%s", run.code, run.stderr)
	}
	const total = 262
	left := checkAnnotations(t, run.stdout, total)
	if left == 0 {
		t.Error("no finding left out: the seed has 248 warnings")
	}
	as := annotations(run.stdout)
	if as[0].kind != "error" || len(as) != 6+10+8+1 {
		t.Errorf("annotations: want the 6 errors first, 10 warnings, all 8 notices and the count, got %d starting with %s", len(as), as[0].kind)
	}
	if !strings.Contains(run.stderr, "262 problems (6 errors, 248 warnings, 8 infos) in 1 file; 252 fixable with --fix") {
		t.Errorf("no summary line in the log:\n%s", run.stderr)
	}
	rows, all := summaryTotals(t, run.summary)
	if want := [4]int{6, 248, 8, 252}; rows != want || all != want {
		t.Errorf("step summary: rules add up to %v, all row %v; want %v\n%s", rows, all, want, run.summary)
	}
	for _, want := range []string{
		"### papers: 262 problems (6 errors, 248 warnings, 8 infos) in 1 file\n",
		"252 of them can be fixed with `papers lint --fix .`",
		"The first 50 of 262 findings, the most severe first. To see them all, run `papers lint .`.",
		"](https://github.com/o/r/blob/abc123/weekly-papers-readme.md#L",
	} {
		if !strings.Contains(run.summary, want) {
			t.Errorf("step summary lacks %q:\n%s", want, run.summary)
		}
	}
	if n := strings.Count(run.summary, "\n| error |") + strings.Count(run.summary, "\n| warning |") + strings.Count(run.summary, "\n| info |"); n != 50 {
		t.Errorf("step summary lists %d findings, want 50", n)
	}
}

// actionNotes has one error (NIPS'22), two warnings (google) and one info
// (no notes under a paper), each fixable but the info.
const actionNotes = "## 检索\n" +
	"### Dense Passage Retrieval for Open-Domain Question Answering[EMNLP'20][google]\n- 双塔。\n" +
	"### A Neural Corpus Indexer for Document Retrieval[NIPS'22][google]\n"

// TestActionInputs: fail-on, config, paths and sarif.
func TestActionInputs(t *testing.T) {
	needTools(t, "bash", "go")
	setup := func(t *testing.T) string {
		ws := t.TempDir()
		testkit.WriteFiles(t, ws, map[string]string{
			"notes/a b.md":      actionNotes,
			"other/skip.md":     actionNotes,
			"ci/strict.yaml":    "rules:\n  org-name: error\n",
			"ci/no-errors.yaml": "rules:\n  venue-name: warning\n",
		})
		return ws
	}
	tests := []struct {
		name   string
		with   map[string]string
		code   int
		errors int // error annotations
		total  int
	}{
		// Two copies of the notes: each finding twice, and 4 duplicate titles.
		{"defaults: every file, fail on errors", nil, 1, 2, 12},
		// A file given: the rest of the workspace is read for the corpus
		// rules, so its 2 titles are duplicates of other/skip.md's.
		{"paths one a line, with a space in a name", map[string]string{"paths": "  notes/a b.md\n\n"}, 1, 1, 6},
		{"fail-on warning", map[string]string{"paths": "notes", "fail-on": "warning", "config": "ci/no-errors.yaml"}, 1, 0, 4},
		{"fail-on error without errors", map[string]string{"paths": "notes", "config": "ci/no-errors.yaml"}, 0, 0, 4},
		{"fail-on never", map[string]string{"paths": "notes", "fail-on": "never"}, 0, 1, 4},
		{"config", map[string]string{"paths": "notes", "config": "ci/strict.yaml"}, 1, 3, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := runAction(t, setup(t), tt.with)
			if run.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", run.code, tt.code, run.stderr)
			}
			checkAnnotations(t, run.stdout, tt.total)
			errs := 0
			for _, a := range annotations(run.stdout) {
				if a.kind == "error" {
					errs++
				}
			}
			if errs != tt.errors {
				t.Errorf("%d error annotations, want %d:\n%s", errs, tt.errors, run.stdout)
			}
			if run.outputs["sarif-file"] != "" {
				t.Errorf("sarif-file = %q without the sarif input", run.outputs["sarif-file"])
			}
			if _, all := summaryTotals(t, run.summary); all[0]+all[1]+all[2] != tt.total {
				t.Errorf("step summary counts %v, want %d in all:\n%s", all, tt.total, run.summary)
			}
		})
	}

	t.Run("sarif", func(t *testing.T) {
		ws := setup(t)
		run := runAction(t, ws, map[string]string{"sarif": "true", "paths": "notes\nother"})
		if run.code != 1 || run.outputs["sarif-file"] != "papers.sarif" {
			t.Fatalf("exit %d, sarif-file %q; stderr:\n%s", run.code, run.outputs["sarif-file"], run.stderr)
		}
		data, err := os.ReadFile(filepath.Join(ws, "papers.sarif"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"exitCode": 1`, `"uri": "notes/a%20b.md"`, `"uri": "other/skip.md"`, `"id": "papers/"`} {
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("papers.sarif lacks %s", want)
			}
		}
		if n := bytes.Count(data, []byte(`"ruleId":`)); n != 12 {
			t.Errorf("papers.sarif has %d results, want 12", n)
		}
		// The SARIF run prints no annotations and no second summary.
		checkAnnotations(t, run.stdout, 12)
		if strings.Count(run.summary, "### papers") != 1 {
			t.Errorf("step summary written %d times", strings.Count(run.summary, "### papers"))
		}
	})

	t.Run("bad fail-on", func(t *testing.T) {
		run := runAction(t, setup(t), map[string]string{"fail-on": "sometimes"})
		if run.code != 2 || !strings.Contains(run.stdout, "::error title=papers::the fail-on input is error, warning or never") {
			t.Errorf("exit %d, stdout %q", run.code, run.stdout)
		}
	})

	t.Run("a config that does not exist fails the step", func(t *testing.T) {
		run := runAction(t, setup(t), map[string]string{"config": "nope.yaml", "sarif": "true"})
		if run.code != 2 || !strings.Contains(run.stderr, "nope.yaml") {
			t.Errorf("exit %d, stderr %q", run.code, run.stderr)
		}
	})
}

// TestReadmeWorkflow runs the workflow of the README as written: its
// checkout is the test's workspace, its papers step is the action with the
// inputs it gives, and its upload step must find the SARIF log the action
// wrote, after a failed lint step too.
func TestReadmeWorkflow(t *testing.T) {
	needTools(t, "bash", "go")
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []actionStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "yaml", "uses: paperlint/papers@")), &wf); err != nil {
		t.Fatalf("README workflow: %v", err)
	}
	if wf.Permissions["security-events"] != "write" {
		t.Error("the workflow does not grant security-events: write, which the SARIF upload needs")
	}
	if len(wf.Jobs) != 1 {
		t.Fatalf("%d jobs, want 1", len(wf.Jobs))
	}
	ws := t.TempDir()
	testkit.WriteFiles(t, ws, map[string]string{
		"notes/week1.md": actionNotes,
		"refs.bib":       "@inproceedings{x,\n  title = {A Neural Corpus Indexer for Document Retrieval},\n  year = {2022},\n}\n",
		"drafts/x.md":    "### Not Linted[NIPS'22]\n",
	})
	failed, ranAction, uploaded := false, false, false
	var sarif string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if failed && !strings.Contains(s.If, "always()") && !strings.Contains(s.If, "!cancelled()") {
				continue
			}
			switch name, _, _ := strings.Cut(s.Uses, "@"); name {
			case "actions/checkout":
				// The workspace holds the repository already.
			case "paperlint/papers":
				ranAction = true
				run := runAction(t, ws, s.With)
				failed = run.code != 0
				// fail-on: warning, and the notes have warnings.
				if run.code != exitFindings {
					t.Errorf("the papers step exited %d, want 1; stderr:\n%s", run.code, run.stderr)
				}
				checkAnnotations(t, run.stdout, 5)
				for _, a := range annotations(run.stdout) {
					if strings.HasPrefix(a.file, "drafts/") {
						t.Errorf("a path the workflow does not name was linted: %+v", a)
					}
				}
				sarif = run.outputs["sarif-file"]
			case "github/codeql-action/upload-sarif":
				uploaded = true
				if s.With["sarif_file"] != sarif {
					t.Errorf("upload-sarif reads %q, the action wrote %q", s.With["sarif_file"], sarif)
				}
				if _, err := os.Stat(filepath.Join(ws, s.With["sarif_file"])); err != nil {
					t.Errorf("upload-sarif: %v", err)
				}
			default:
				t.Errorf("step %q: not emulated by this test", s.Uses+s.Run)
			}
		}
	}
	if !ranAction || !uploaded {
		t.Errorf("the workflow ran the action: %v, uploaded the SARIF log: %v", ranAction, uploaded)
	}
}
