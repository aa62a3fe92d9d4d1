package integration

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// nvimDriver runs in Neovim after the README's init.lua: it waits for the
// findings of papers lsp on the buffer, writes them, asks for the code
// actions at the org-name finding, applies the quick fix to Google, waits
// for the findings to follow, and writes the text and the findings again.
// It uses the client API of Neovim 0.7, the version Debian 12 ships.
const nvimDriver = `
local out = assert(os.getenv("PAPERS_NVIM_OUT"))
local lines = {}
local function say(s) table.insert(lines, s) end
local function findings()
  local ds = vim.diagnostic.get(0)
  table.sort(ds, function(a, b) return a.lnum < b.lnum or a.lnum == b.lnum and a.col < b.col end)
  return ds
end
local function has(code)
  for _, d in ipairs(findings()) do if d.code == code then return d end end
  return nil
end
local function dump(tag)
  for _, d in ipairs(findings()) do
    say(string.format("%s %d:%d %s", tag, d.lnum + 1, d.col + 1, tostring(d.code)))
  end
end
local ok = vim.wait(30000, function() return has("org-name") ~= nil and has("bib-missing") ~= nil end, 50)
say("ready " .. tostring(ok))
dump("before")
local d = has("org-name")
if d then
  local client = vim.lsp.get_active_clients()[1]
  -- As vim.lsp.buf.code_action() asks: at the cursor, put on the finding.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics() }
  local res = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
  for _, r in pairs(res) do
    for _, a in ipairs(r.result or {}) do
      say("action " .. a.title)
      if a.kind == "quickfix" and a.title:find("Google", 1, true) and a.edit then
        vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding)
      end
    end
  end
  ok = vim.wait(30000, function() return has("org-name") == nil end, 50)
  say("fixed " .. tostring(ok))
end
dump("after")
for _, l in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do say("text " .. l) end
local f = assert(io.open(out, "w"))
f:write(table.concat(lines, "\n") .. "\n")
f:close()
vim.cmd("qa!")
`

// TestNeovimLSP runs Debian's Neovim headless with the README's init.lua
// snippet as written, against papers lsp built from this checkout, on a
// notes file with planted findings (a lower-case organisation, CJK spacing
// and punctuation, a paper its .bib lacks): the findings reach Neovim's
// diagnostics on the lines they are about, and applying the org-name quick
// fix changes the text and makes its finding go.
func TestNeovimLSP(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (.ci/run installs the Debian package)")
	}
	bin := t.TempDir()
	if out, ok := run(t, repoRoot(t), nil, "go", "build", "-o", filepath.Join(bin, "papers"), "./cmd/papers"); !ok {
		t.Fatalf("go build: %s", out)
	}
	home := t.TempDir()
	initLua := readmeBlock(t, "-- papers lsp for Markdown notes and .bib files (Neovim 0.7 or later)")
	dir := notesRepo(t, map[string]string{
		"notes.md": "## 推荐系统\n" +
			"### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][google]\n" +
			"- 用BERT编码,效果好\n" +
			"### Attention Is All You Need[NIPS'17][Google]\n" +
			"- 只用注意力。\n",
		"notes.bib": "@inproceedings{vaswani2017attention,\n  title = {Attention Is All You Need},\n  booktitle = {Advances in Neural Information Processing Systems},\n  year = {2017},\n  author = {Vaswani, Ashish}\n}\n",
	})
	for name, text := range map[string]string{"init.lua": initLua, "driver.lua": nvimDriver} {
		if err := os.WriteFile(filepath.Join(home, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outFile := filepath.Join(home, "out.txt")
	cmd := exec.Command(nvim, "--headless", "-i", "NONE", "-u", filepath.Join(home, "init.lua"), "notes.md",
		"-c", "luafile "+filepath.Join(home, "driver.lua"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_STATE_HOME="+home,
		"XDG_CACHE_HOME="+home, "PAPERS_NVIM_OUT="+outFile, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatalf("the driver wrote nothing: %v", err)
	}
	got := string(data)
	for _, want := range []string{
		"ready true",
		"before 2:5 bib-missing",      // DIN is not in notes.bib
		"before 2:74 org-name",        // [google]
		"before 3:3 cjk-spacing",      // 用BERT: Neovim counts columns in bytes
		"before 3:6 cjk-spacing",      // BERT编码
		"before 3:16 cjk-punctuation", // 编码,效果
		"action write Google",
		"fixed true",
		"text ### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Google]",
		"text - 用BERT编码,效果好",
		"after 3:3 cjk-spacing",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Neovim's session lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "after 2:74 org-name") {
		t.Errorf("org-name is still reported after its quick fix:\n%s", got)
	}
}

// TestEditorSnippets checks the README's snippets for the editors that do
// not run here: Helix's languages.toml is TOML that starts papers lsp
// (read by Python's tomllib when there is one), VS Code's settings are
// JSON that do.
func TestEditorSnippets(t *testing.T) {
	vscode := readmeBlock(t, "{")
	var settings map[string]any
	if err := json.Unmarshal([]byte(vscode), &settings); err != nil {
		t.Fatalf("VS Code settings: %v\n%s", err, vscode)
	}
	if settings["glspc.server.command"] != "papers" || fmt.Sprint(settings["glspc.server.commandArguments"]) != "[lsp]" {
		t.Errorf("VS Code settings do not start papers lsp: %v", settings)
	}
	helix := readmeBlock(t, "# papers lsp in Helix")
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3 to read TOML with")
	}
	script := "import sys, json, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))"
	c := exec.Command("python3", "-c", script)
	c.Stdin = strings.NewReader(helix)
	out, err := c.Output()
	if err != nil {
		t.Skipf("python3 cannot read TOML (tomllib is Python 3.11+): %v", err)
	}
	var conf struct {
		Servers map[string]struct {
			Command string   `json:"command"`
			Args    []string `json:"args"`
		} `json:"language-server"`
		Language []struct {
			Name    string   `json:"name"`
			Servers []string `json:"language-servers"`
		} `json:"language"`
	}
	if err := json.Unmarshal(out, &conf); err != nil {
		t.Fatal(err)
	}
	if s := conf.Servers["papers"]; s.Command != "papers" || strings.Join(s.Args, " ") != "lsp" {
		t.Errorf("Helix: language-server.papers = %+v", s)
	}
	for _, l := range conf.Language {
		if !slices.Contains(l.Servers, "papers") {
			t.Errorf("Helix: language %s does not use papers", l.Name)
		}
	}
	if len(conf.Language) != 2 {
		t.Errorf("Helix: %d languages, want markdown and bibtex", len(conf.Language))
	}
}
