package main_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/version"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/testutil"
)

var binary string // the asynclint executable under test

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "asynclint-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "asynclint")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		panic("building asynclint: " + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// readSources reads every Go file the command is built from, in this
// module. The tests run a binary built from them, which go test does not
// see: code of package main, or a function the test binary does not link,
// could change without changing the test binary, and go test would replay
// a cached result. Files a test opens are part of its cache key (from
// the first test on: opens in TestMain before m.Run are not recorded), so
// run calls this once.
var readSources = sync.OnceFunc(func() {
	out, err := exec.Command("go", "list", "-deps", "-f",
		`{{if .Module}}{{if eq .Module.Path "github.com/asynclint/asynclint"}}{{range .GoFiles}}{{$.Dir}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$.Dir}}/{{.}}
{{end}}{{end}}{{end}}`, ".").Output()
	if err != nil {
		panic("listing asynclint's sources: " + err.Error())
	}
	for name := range strings.FieldsSeq(string(out)) {
		if _, err := os.ReadFile(name); err != nil {
			panic(err)
		}
	}
})

// run runs the binary in dir with env added to this process's.
func run(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	readSources()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// writeModule writes files (path to content) into a new module "m".
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module m\n\ngo 1.26\n"
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// dropsError has a finding of lostresult, which is off by default: for
// the tests of that rule and of rule flags.
const dropsError = `package p

import "errors"

func fail() error { return errors.New("x") }

func G() { go fail() }
`

// spins has one finding of a rule on by default (spinloop), at p/p.go:4:2:
// for the tests of what a default run prints and how it exits.
const spins = `package p

func G() {
	for {
	}
}
`

// spinsFinding is spins' finding as the command prints it.
const spinsFinding = "p/p.go:4:2: empty for loop spins forever and burns a core; block with select {} or wait on a channel (spinloop)\n"

func TestExitCodesAndOutput(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"p/p.go":     spins,
		"clean/c.go": "package clean\n\nfunc F() {}\n",
	})
	if _, stderr, code := run(t, dir, nil, "./clean"); code != 0 || stderr != "" {
		t.Errorf("clean package: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	_, stderr, code := run(t, dir, nil, "./...")
	if code != 3 {
		t.Errorf("findings: exit %d, want 3", code)
	}
	if want := spinsFinding; stderr != want {
		t.Errorf("findings: stderr %q, want %q", stderr, want)
	}

	stdout, _, code := run(t, dir, nil, "-json", "./...")
	if code != 0 {
		t.Errorf("-json with findings: exit %d, want 0 as in x/tools", code)
	}
	// The x/tools tree: package -> analyzer -> [{posn, end, message}].
	var tree map[string]map[string][]map[string]any
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json output is not the x/tools tree: %v\n%s", err, stdout)
	}
	diags := tree["m/p"]["spinloop"]
	if len(diags) != 1 || !strings.HasSuffix(diags[0]["posn"].(string), "p/p.go:4:2") || diags[0]["message"] == "" {
		t.Errorf("-json tree = %v", tree)
	}

	stdout, stderr, code = run(t, dir, nil, "-sarif=-", "./...")
	if code != 3 || !strings.Contains(stdout, `"ruleId": "spinloop"`) || !strings.Contains(stdout, `"uri": "p/p.go"`) || !strings.Contains(stderr, "(spinloop)") {
		t.Errorf("-sarif=-: exit %d, stdout %s\nstderr %s", code, stdout, stderr)
	}
	file := filepath.Join(t.TempDir(), "out.sarif")
	for _, args := range [][]string{{"-sarif=" + file}, {"-sarif", file}} {
		_ = os.Remove(file) // left by the previous form, if any
		stdout, stderr, code = run(t, dir, nil, append(args, "./...")...)
		b, _ := os.ReadFile(file)
		if code != 3 || stdout != "" || !strings.Contains(stderr, "(spinloop)") || !strings.Contains(string(b), `"ruleId": "spinloop"`) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q, file:\n%s", args, code, stdout, stderr, b)
		}
	}
}

// TestSARIFSchema validates -sarif output against the SARIF 2.1.0 JSON
// schema (eval/tools/sarifcheck, which says where the schema comes from):
// findings with related locations, the directive checker's findings, a
// file outside the working directory, a run with errors, and a clean run.
// It also checks that every helpUri names a page of this repository.
func TestSARIFSchema(t *testing.T) {
	t.Parallel()
	root := testutil.Root(t)
	dir := writeModule(t, map[string]string{
		"p/p.go": spins + `
//asynclint:ignore spinloop stale on purpose
func I() {}
`,
		"w/w.go": `package w

import "sync"

func Early(fail bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	if fail {
		return
	}
	println()
}
`,
		"clean/c.go":   "package clean\n",
		"typeerr/t.go": "package typeerr\n\nfunc f() int { return \"x\" }\n",
		"sub/s.go":     "package sub\n",
	})
	out := t.TempDir()
	runs := []struct {
		name, dir string
		args      []string
		code      int
	}{
		{"findings", dir, []string{"./p", "./w"}, 3},
		{"clean", dir, []string{"./clean"}, 0},
		{"errors", dir, []string{"./typeerr", "./p"}, 1},
		{"outside", filepath.Join(dir, "sub"), []string{"../p"}, 3},
		{"json", dir, []string{"-json", "./p"}, 0},
	}
	var files []string
	for _, r := range runs {
		file := filepath.Join(out, r.name+".sarif")
		files = append(files, file)
		if _, stderr, code := run(t, r.dir, nil, append([]string{"-sarif=" + file}, r.args...)...); code != r.code {
			t.Fatalf("%s: exit %d, want %d\n%s", r.name, code, r.code, stderr)
		}
	}
	cmd := exec.Command("go", append([]string{"run", "-C", filepath.Join(root, "eval", "tools"), "./sarifcheck"}, files...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("SARIF output does not validate: %v\n%s", err, b)
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID, HelpURI string }
				}
			}
			Invocations []struct{ ExecutionSuccessful bool }
			Results     []struct {
				RuleID           string
				RelatedLocations []struct{ Message struct{ Text string } }
			}
		}
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0]
	if len(r.Tool.Driver.Rules) != len(analyzers.All()) || !r.Invocations[0].ExecutionSuccessful {
		t.Errorf("findings run: %d rules described, success %v", len(r.Tool.Driver.Rules), r.Invocations[0].ExecutionSuccessful)
	}
	for _, rule := range r.Tool.Driver.Rules {
		page, ok := strings.CutPrefix(rule.HelpURI, "https://github.com/asynclint/asynclint/blob/main/")
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(page))); !ok || err != nil {
			t.Errorf("rule %s: helpUri %s names no file of this repository", rule.ID, rule.HelpURI)
		}
	}
	var got []string
	for _, res := range r.Results {
		got = append(got, res.RuleID)
		for _, rel := range res.RelatedLocations {
			got = append(got, res.RuleID+" related: "+rel.Message.Text)
		}
	}
	if want := []string{"spinloop", "ignore", "unwaited", "unwaited related: returns here without waiting", "unwaited related: returns here without waiting"}; !slices.Equal(got, want) {
		t.Errorf("findings run: results %q, want %q", got, want)
	}
	b, _ = os.ReadFile(files[2])
	if !strings.Contains(string(b), `"executionSuccessful": false`) || !strings.Contains(string(b), `cannot use \"x\"`) {
		t.Errorf("errors run: the failure is not in the log:\n%s", b)
	}
	b, _ = os.ReadFile(files[3])
	if !strings.Contains(string(b), `"uri": "file://`+filepath.ToSlash(dir)+`/p/p.go"`) {
		t.Errorf("outside run: the file outside the working directory is not an absolute URI:\n%s", b)
	}
}

// TestCodeScanningWorkflow runs the shell step of the documented GitHub
// workflow (docs/examples/code-scanning.yml) with this build on PATH:
// findings leave a SARIF log and a green step, a clean module an empty
// log, and a package that does not build fails the step.
func TestCodeScanningWorkflow(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(testutil.Root(t), "docs", "examples", "code-scanning.yml"))
	if err != nil {
		t.Fatal(err)
	}
	_, step, ok := strings.Cut(string(b), "- name: Run asynclint\n")
	_, step, ok2 := strings.Cut(step, "run: |\n")
	if !ok || !ok2 {
		t.Fatal("no step \"Run asynclint\" with a run: | block")
	}
	var script []string
	for line := range strings.Lines(step) {
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "          ") {
			break // the block ends where the indentation does
		}
		script = append(script, strings.TrimPrefix(line, "          "))
	}
	if !strings.Contains(strings.Join(script, ""), "asynclint -sarif=asynclint.sarif ./...") {
		t.Fatalf("the step does not run asynclint as expected:\n%s", strings.Join(script, ""))
	}
	for _, c := range []struct {
		name, src string
		code      int
		results   bool
	}{
		{"findings", spins, 0, true},
		{"clean", "package p\n", 0, false},
		{"broken", "package p\n\nfunc f() int { return \"x\" }\n", 1, false},
	} {
		dir := writeModule(t, map[string]string{"p/p.go": c.src})
		cmd := exec.Command("bash", "-e", "-c", strings.Join(script, ""))
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, _ := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != c.code {
			t.Errorf("%s: the step exits %d, want %d\n%s", c.name, code, c.code, out)
		}
		log, err := os.ReadFile(filepath.Join(dir, "asynclint.sarif"))
		if err != nil {
			t.Errorf("%s: no SARIF log: %v", c.name, err)
			continue
		}
		if got := strings.Contains(string(log), `"ruleId": "spinloop"`); got != c.results {
			t.Errorf("%s: log has the finding: %v, want %v", c.name, got, c.results)
		}
	}
}

// TestTextShape pins the text form of a finding: go vet's
// "file:line:col: message", the rule in parentheses, then each related
// position on its own line, indented by a tab (staticcheck's shape).
func TestTextShape(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{"w/w.go": `package w

import "sync"

func work() error { return nil }

func Early(fail bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	if fail {
		return
	}
	println()
}
`})
	_, stderr, code := run(t, dir, nil, "./...")
	want := "w/w.go:9:2: goroutines added to wg are never awaited; call wg.Wait() before returning (unwaited)\n" +
		"\tw/w.go:12:3: returns here without waiting\n" +
		"\tw/w.go:15:1: returns here without waiting\n"
	if code != 3 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	// GitHub Actions: actions/setup-go registers this problem matcher for
	// Go's file:line:col: message lines, and turns each match into an
	// annotation on the file.
	setupGo := regexp.MustCompile(`^([^:]*: )?((.:)?[^:]*):(\d+)(:(\d+))?: (.*)$`)
	m := setupGo.FindStringSubmatch(strings.SplitN(stderr, "\n", 2)[0])
	if m == nil || m[2] != "w/w.go" || m[4] != "9" || m[6] != "2" || !strings.HasSuffix(m[7], "before returning (unwaited)") {
		t.Errorf("setup-go's problem matcher reads the finding as %q", m)
	}
}

// TestRuleFlags: -RULE runs only the rules named (an off-by-default one
// too), -RULE=false drops a default rule and its directives, and a rule's
// own flags reach it.
func TestRuleFlags(t *testing.T) {
	dir := writeModule(t, map[string]string{"p/p.go": dropsError + `
func count() int { return 1 }

func H() { go count() }

func Spin() {
	for {
	}
}

//asynclint:ignore spinloop stale on purpose
func I() {}
`})
	const spinning, dropped, counted = "empty for loop spins forever", "error from fail is dropped", "result from count is dropped"
	_, stderr, code := run(t, dir, nil, "./...")
	if code != 3 || !strings.Contains(stderr, "silences nothing") || !strings.Contains(stderr, spinning) || strings.Contains(stderr, dropped) || strings.Contains(stderr, counted) {
		t.Errorf("defaults: exit %d, %s; want spinloop's finding and the stale directive, and not lostresult's (off by default)", code, stderr)
	}
	if _, stderr, code := run(t, dir, nil, "-spinloop=false", "./..."); code != 0 {
		t.Errorf("-spinloop=false: exit %d, stderr %s; want a clean run (the directive names a disabled rule)", code, stderr)
	}
	if _, stderr, _ := run(t, dir, nil, "-ignore=false", "./..."); strings.Contains(stderr, "silences nothing") {
		t.Errorf("-ignore=false still checks directives: %s", stderr)
	}
	if _, stderr, code := run(t, dir, nil, "-lostresult", "./..."); code != 3 || !strings.Contains(stderr, dropped) || strings.Contains(stderr, counted) || strings.Contains(stderr, spinning) {
		t.Errorf("-lostresult: exit %d, %s; want lostresult's finding alone", code, stderr)
	}
	if _, stderr, _ := run(t, dir, nil, "-lostresult", "-lostresult.all", "./..."); !strings.Contains(stderr, counted) {
		t.Errorf("-lostresult.all not passed through: %s", stderr)
	}
	// A flag of a rule that is not run on dependencies (go vet analyzes
	// those for facts only) must still be accepted there.
	if _, stderr, code := run(t, dir, nil, "-strandedsend.tests", "-unclosedrange.tests=false", "./..."); code != 3 || !strings.Contains(stderr, spinning) {
		t.Errorf("-strandedsend.tests: exit %d, %s", code, stderr)
	}
}

// TestBadInput checks that every kind of bad input gives a short error and
// exit status 1 (or is analyzed normally), never a panic.
func TestBadInput(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"typeerr/t.go": "package typeerr\n\nfunc f() int { return \"x\" }\n",
		"syntax/s.go":  "package syntax\n\nfunc f( {\n",
		"cgo/c.go":     "package cgo\n\n// int add(int a, int b) { return a + b; }\nimport \"C\"\n\nfunc Add() int { return int(C.add(1, 2)) }\nfunc G() {\n\tfor {\n\t}\n}\n",
		"tags/t.go":    "//go:build special\n\n" + spins,
		"tags/u.go":    "package p\n",
		"gen/g.go":     "// Code generated by hand. DO NOT EDIT.\n\n" + spins,
		"generic/g.go": "package generic\n\nfunc run[T any](v T) (T, error) { return v, nil }\n\nfunc G[T any](v T) { go run(v) }\n",
	})
	cases := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"type error", []string{"./typeerr"}, 1, `asynclint: package m/typeerr: typeerr/t.go:3:23: cannot use "x"`},
		{"syntax error", []string{"./syntax"}, 1, "syntax/s.go:3"},
		{"cgo", []string{"./cgo"}, 3, "cgo/c.go:8:2: empty for loop spins forever"},
		{"build tag off", []string{"./tags"}, 0, ""},
		{"build tag on", []string{"-tags=special", "./tags"}, 3, "tags/t.go:6:2: empty for loop"},
		{"generated file", []string{"./gen"}, 0, ""},
		{"generic", []string{"-lostresult", "./generic"}, 0, ""}, // run's error is nil on every path
		{"empty pattern", []string{""}, 1, "asynclint: empty package pattern"},
		{"no pattern", nil, 1, "asynclint: no packages named"},
		{"matches nothing", []string{"m/nothing/..."}, 1, `matched no packages`},
		{"nonexistent directory", []string{"./nonexistent"}, 1, "directory not found"},
		{"type error among good packages", []string{"./typeerr", "./cgo"}, 1, "cgo/c.go:8:2: empty for loop"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "cgo" || strings.Contains(c.name, "among") {
				if _, err := exec.LookPath("gcc"); err != nil {
					t.Skip("no C compiler")
				}
			}
			_, stderr, code := run(t, dir, nil, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, c.code, c.want)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("stderr shows a crash:\n%s", stderr)
			}
			for line := range strings.Lines(stderr) {
				if code == 1 && !strings.HasPrefix(line, "asynclint: ") && !strings.HasSuffix(line, " (spinloop)\n") {
					t.Errorf("error line without the asynclint: prefix: %q", line)
				}
			}
		})
	}
}

// TestBrokenPackages checks what a run says about packages that do not
// type-check: each error once (go vet reports a type error from the
// compiler and again from the vet tool on the test variant), and the
// packages that go vet then skips because they depend on it, by name.
func TestBrokenPackages(t *testing.T) {
	t.Parallel()
	var errs strings.Builder
	errs.WriteString("package broken\n\nimport \"errors\"\n\nfunc fail() error { return errors.New(\"x\") }\n\nfunc G() { go fail() }\n")
	for i := range 12 {
		fmt.Fprintf(&errs, "func f%d() int { return \"x\" }\n", i)
	}
	dir := writeModule(t, map[string]string{
		"broken/b.go":        errs.String(),
		"broken/b_test.go":   "package broken\n\nimport \"testing\"\n\nfunc TestB(t *testing.T) {}\n",
		"user/u.go":          "package user\n\nimport _ \"m/broken\"\n",
		"user2/u.go":         "package user2\n\nimport _ \"m/user\"\n",
		"testuser/t.go":      "package testuser\n",
		"testuser/t_test.go": "package testuser_test\n\nimport _ \"m/broken\"\n",
		"ok/ok.go":           spins,
		"syntax/s.go":        "package syntax\n\nfunc f( {\n",
		"usesyntax/u.go":     "package usesyntax\n\nimport _ \"m/syntax\"\n",
		"missing/m.go":       "package missing\n\nimport _ \"example.com/nope\"\n",
	})
	_, stderr, code := run(t, dir, nil, "./broken", "./user", "./user2", "./testuser", "./ok")
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if code != 1 || !strings.HasPrefix(lines[0], "ok/ok.go:4:2: empty for loop") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and the finding in ok first", code, stderr)
	}
	var typeErrs []string
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "asynclint: package m/broken: ") {
			continue
		}
		typeErrs = append(typeErrs, l)
		if !strings.Contains(l, `cannot use "x"`) && l != "asynclint: package m/broken: too many errors" {
			t.Errorf("unexpected error line %q", l)
		}
	}
	if len(typeErrs) != 11 || len(slices.Compact(slices.Clone(typeErrs))) != 11 {
		t.Errorf("want the compiler's ten errors and its too many errors, each once; got:\n%s", strings.Join(typeErrs, "\n"))
	}
	if want := "asynclint: not analyzed because m/broken failed: m/user, m/user2, m/testuser_test"; lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}

	stdout, stderr, code := run(t, dir, nil, "-json", "./user2")
	if code != 1 || stdout != "{}\n" || !strings.HasSuffix(stderr, "asynclint: not analyzed because m/broken failed: m/user2\n") {
		t.Errorf("-json ./user2: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	_, stderr, code = run(t, dir, nil, "./usesyntax")
	if want := "asynclint: package m/syntax: syntax/s.go:3:9: syntax error: unexpected {, expected )\n" +
		"asynclint: not analyzed because m/syntax failed: m/usesyntax\n"; code != 1 || stderr != want {
		t.Errorf("./usesyntax: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	_, stderr, code = run(t, dir, nil, "./missing", "./ok")
	if want := "asynclint: missing/m.go:3:8: no required module provides package example.com/nope; to add it: go get example.com/nope\n" +
		"asynclint: no package was analyzed: go vet stops when a package cannot be loaded\n"; code != 1 || stderr != want {
		t.Errorf("./missing: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// TestNewerGoCommand checks that a go command of a newer Go release than
// the one that built asynclint gets one line saying so and how to
// rebuild, and exit status 1, through the command and through go vet.
// The binary is built claiming an older release (the builtWith seam);
// the real case, go1.27.3's go command with a binary built by an older
// Go, runs too when that toolchain can be had.
func TestNewerGoCommand(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{"p/p.go": spins})
	goVersion := func(env ...string) string {
		cmd := exec.Command("go", "env", "GOVERSION")
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(out))
	}
	want := func(goCmd, built string) string {
		return fmt.Sprintf("asynclint: the go command is %s, newer than %s that built asynclint; "+
			"rebuild asynclint with it: GOTOOLCHAIN=%s go install github.com/asynclint/asynclint/cmd/asynclint@latest\n", goCmd, built, goCmd)
	}

	old := filepath.Join(t.TempDir(), "asynclint")
	if out, err := exec.Command("go", "build", "-ldflags=-X=main.builtWith=go1.20.1", "-o", old, ".").CombinedOutput(); err != nil {
		t.Fatalf("building: %v\n%s", err, out)
	}
	goCmd := goVersion()
	for _, args := range [][]string{{"./..."}, {"-json", "./..."}, {"-sarif=-", "./p"}} {
		cmd := exec.Command(old, args...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 1 || stderr.String() != want(goCmd, "go1.20.1") {
			t.Errorf("%v: exit %d (%v), stderr:\n%s\nwant exit 1 and:\n%s", args, code, err, stderr.String(), want(goCmd, "go1.20.1"))
		}
	}
	vet := exec.Command("go", "vet", "-vettool="+old, "./...")
	vet.Dir = dir
	out, _ := vet.CombinedOutput()
	if vet.ProcessState.ExitCode() != 1 || !strings.HasPrefix(string(out), want(goCmd, "go1.20.1")) {
		t.Errorf("go vet: exit %d, output:\n%s", vet.ProcessState.ExitCode(), out)
	}
	// The same binary, when its release is not older, runs as usual.
	if _, stderr, code := run(t, dir, nil, "./..."); code != 3 {
		t.Errorf("the test's own build: exit %d\n%s", code, stderr)
	}

	const newer = "go1.27.3"
	if version.Compare(version.Lang(runtime.Version()), version.Lang(newer)) >= 0 {
		return // built by that release or a later one already
	}
	if goVersion("GOTOOLCHAIN="+newer) != newer {
		t.Logf("%s cannot be had here; only the faked release was checked", newer)
		return
	}
	_, stderr, code := run(t, dir, []string{"GOTOOLCHAIN=" + newer}, "./...")
	if code != 1 || stderr != want(newer, runtime.Version()) {
		t.Errorf("GOTOOLCHAIN=%s: exit %d, stderr:\n%s", newer, code, stderr)
	}
}

// TestBadFlags checks that each mistake in the flags gives exactly one
// line that names it, exit status 1, and no analysis.
func TestBadFlags(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{"p/p.go": dropsError})
	unwritable := filepath.Join(dir, "no", "such", "dir", "out.sarif")
	cases := []struct {
		args []string
		want string // the whole line after "asynclint: "
	}{
		{[]string{"-nosuchrule", "./..."}, "unknown flag -nosuchrule: no flag or rule has that name; asynclint -h lists the flags, asynclint rules the rules"},
		{[]string{"-nosuch.all", "./..."}, `unknown flag -nosuch.all: there is no rule "nosuch"; asynclint rules lists them`},
		{[]string{"-lostresult.nosuch", "./..."}, `unknown flag -lostresult.nosuch: lostresult has no flag "nosuch"; its flags are -lostresult.all, -lostresult.tests`},
		{[]string{"-cancelledcleanup.all", "./..."}, "unknown flag -cancelledcleanup.all: cancelledcleanup has no flags"},
		{[]string{"-lostresult=maybe", "./..."}, `invalid boolean value "maybe" for -lostresult: want true or false`},
		{[]string{"-lostresult.all=maybe", "./..."}, `invalid boolean value "maybe" for -lostresult.all: want true or false`},
		{[]string{"-ignore=2", "./..."}, `invalid boolean value "2" for -ignore: want true or false`},
		{[]string{"-json=yes", "./..."}, `invalid boolean value "yes" for -json: want true or false`},
		{[]string{"-sarif", "./..."}, `-sarif took the package pattern "./..." as its file name; write -sarif=FILE`},
		{[]string{"-sarif", "./...", "./p"}, `-sarif took the package pattern "./..." as its file name; write -sarif=FILE`},
		{[]string{"./...", "-json"}, "flag -json after the packages; flags come first: asynclint [flags] packages"},
		{[]string{"-sarif"}, "flag needs an argument: -sarif"},
		{[]string{"-sarif=" + unwritable, "./..."}, "-sarif: open " + unwritable + ": no such file or directory"},
		{[]string{"-sarif=" + dir, "./..."}, "-sarif: open " + dir + ": is a directory"},
		{[]string{"-json", "-sarif=-", "./..."}, "-json and -sarif=- both print on standard output; write the SARIF to a file"},
		{[]string{"-fix", "-sarif=x.sarif", "./..."}, "-sarif cannot be combined with -fix or -diff"},
		{[]string{"-json", "-diff", "./..."}, "-json cannot be combined with -diff"},
		{[]string{"rules", "x"}, "rules takes no arguments; asynclint help RULE describes one rule"},
	}
	for _, c := range cases {
		stdout, stderr, code := run(t, dir, nil, c.args...)
		if want := "asynclint: " + c.want + "\n"; code != 1 || stderr != want || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q\nwant exit 1 and %q", c.args, code, stdout, stderr, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.sarif")); err == nil {
		t.Errorf("a refused -sarif run created its file")
	}
}

// TestFixAndDiff applies strandedsend's suggested fix through the command:
// -diff shows it without touching the file, -fix writes exactly the golden
// result, and the fixed module is clean and still builds.
func TestFixAndDiff(t *testing.T) {
	fixture := filepath.Join(testutil.Data(t), "src", "strandedsend", "fix", "fix.go")
	src, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(fixture + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, map[string]string{"fix/fix.go": string(src)})
	file := filepath.Join(dir, "fix", "fix.go")

	stdout, stderr, code := run(t, dir, nil, "-diff", "./fix")
	if code != 0 || !strings.Contains(stdout, "+\tresults := make(chan int, 1)") {
		t.Errorf("-diff: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if now, _ := os.ReadFile(file); string(now) != string(src) {
		t.Error("-diff changed the file")
	}

	if _, stderr, code := run(t, dir, nil, "-fix", "./fix"); code != 0 {
		t.Fatalf("-fix: exit %d: %s", code, stderr)
	}
	if now, _ := os.ReadFile(file); string(now) != string(golden) {
		t.Errorf("-fix wrote:\n%s\nwant the golden:\n%s", now, golden)
	}
	if _, stderr, code := run(t, dir, nil, "-strandedsend", "./fix"); code != 0 {
		t.Errorf("after -fix, strandedsend still finds: exit %d\n%s", code, stderr)
	}
	if out, err := exec.Command("go", "build", "-C", dir, "./...").CombinedOutput(); err != nil {
		t.Errorf("fixed module does not build: %v\n%s", err, out)
	}
}

// TestUnitTimeBound checks that a package whose analysis overruns the
// per-package bound gives a clear error instead of a hang.
func TestUnitTimeBound(t *testing.T) {
	dir := writeModule(t, map[string]string{"p/p.go": dropsError})
	_, stderr, code := run(t, dir, []string{"ASYNCLINT_UNIT_TIMEOUT=1ns", "GOFLAGS=-a"}, "./p")
	if code != 1 || !strings.Contains(stderr, "did not finish within 1ns") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestVetParity checks that go vet -vettool=asynclint, the standalone
// command and x/tools' in-process checker agree on the fixtures, facts and
// directives included.
func TestVetParity(t *testing.T) {
	data := testutil.Data(t)
	env := []string{"GOPATH=" + data, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"}
	pkgs := []string{"lostresult", "lostresult/dep", "lostresult/all", "ignore"}
	// The fixtures are lostresult's, whose facts cross packages; it is off
	// by default, so every driver runs it beside the default rules, named
	// as -RULE flags (which go vet passes on to the tool).
	set := map[string]bool{}
	var ruleFlags []string
	for _, r := range analyzers.Suite {
		if r.DefaultOn || r.Name() == "lostresult" {
			set[r.Name()] = true
			ruleFlags = append(ruleFlags, "-"+r.Name())
		}
	}

	vetArgs := append(append([]string{"vet", "-vettool=" + binary, "-json"}, ruleFlags...), pkgs...)
	vet := exec.Command("go", vetArgs...)
	vet.Dir, vet.Env = data, append(os.Environ(), env...)
	out, err := vet.Output()
	if err != nil {
		t.Fatalf("go vet: %v", err)
	}
	viaVet := decode(t, out)

	stdout, stderr, code := run(t, data, env, append(append([]string{"-json"}, ruleFlags...), pkgs...)...)
	if code != 0 {
		t.Fatalf("standalone: exit %d: %s", code, stderr)
	}
	standalone := decode(t, []byte(stdout))

	rules, err := analyzers.Select(set)
	if err != nil {
		t.Fatal(err)
	}
	inProcess, err := driver.InProcess(data, append(os.Environ(), env...), analyzers.ForRun(rules, true), pkgs...)
	if err != nil {
		t.Fatal(err)
	}

	if len(viaVet) < 20 {
		t.Fatalf("go vet found only %d findings on the fixtures; the comparison would prove little", len(viaVet))
	}
	if !slices.Equal(viaVet, standalone) {
		t.Errorf("go vet and standalone differ:\nvet:        %q\nstandalone: %q", viaVet, standalone)
	}
	if got := keys(inProcess.Findings()); !slices.Equal(viaVet, got) {
		t.Errorf("go vet and the in-process checker differ:\nvet:        %q\nin-process: %q", viaVet, got)
	}
}

func decode(t *testing.T, out []byte) []string {
	t.Helper()
	tree, err := driver.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return keys(tree.Findings())
}

func keys(fs []driver.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Posn+" "+f.Rule+": "+f.Message)
	}
	return out
}

func TestSubcommands(t *testing.T) {
	dir := t.TempDir()
	stdout, _, code := run(t, dir, nil, "demo", "-list")
	if code != 0 || !strings.Contains(stdout, "lostresult\n") {
		t.Errorf("demo -list: exit %d\n%s", code, stdout)
	}
	stdout, _, code = run(t, dir, nil, "demo", "lostresult")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "bad:") || !strings.HasPrefix(lines[1], "good:") {
		t.Errorf("demo lostresult: exit %d\n%s", code, stdout)
	}
	if _, stderr, code := run(t, dir, nil, "demo", "nosuch"); code != 1 || !strings.Contains(stderr, "no demo") {
		t.Errorf("demo nosuch: exit %d %s", code, stderr)
	}
}

// TestRulesListsOneLinePerRule pins asynclint rules: one line per rule of
// the suite, in its order, with family, default state and the summary
// without the rule's name in front of it.
func TestRulesListsOneLinePerRule(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := run(t, t.TempDir(), nil, "rules")
	if code != 0 || stderr != "" {
		t.Fatalf("rules: exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(analyzers.Suite) {
		t.Fatalf("rules printed %d lines for %d rules:\n%s", len(lines), len(analyzers.Suite), stdout)
	}
	for i, r := range analyzers.Suite {
		fields := strings.Fields(lines[i])
		state := "on"
		if !r.DefaultOn {
			state = "off"
		}
		summary := strings.TrimPrefix(strings.SplitN(r.Analyzer.Doc, "\n", 2)[0], r.Name()+": ")
		// columns are padded to the longest family name
		shape := regexp.MustCompile(`^` + r.Name() + ` +` + regexp.QuoteMeta(string(r.Family)) + ` +` + state + ` +` + regexp.QuoteMeta(summary) + `$`)
		if fields[0] != r.Name() || !shape.MatchString(lines[i]) {
			t.Errorf("line %d = %q, want %s, %s, %s and %q", i, lines[i], r.Name(), r.Family, state, summary)
		}
		if strings.Contains(lines[i], r.Name()+": ") {
			t.Errorf("line %d repeats the rule name before its summary: %q", i, lines[i])
		}
	}
}

// TestHelpFitsOnAScreen pins asynclint -h: commands, flags and rules in
// at most 40 lines of at most 80 columns, whatever the rules' docs say;
// every rule and rule flag is named, and the ignore syntax is shown.
func TestHelpFitsOnAScreen(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-h"}, {"help"}, {"--help"}} {
		stdout, stderr, code := run(t, t.TempDir(), nil, args...)
		if code != 0 || stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, code, stderr)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if len(lines) > 40 {
			t.Errorf("%v printed %d lines, want at most 40:\n%s", args, len(lines), stdout)
		}
		if !strings.HasPrefix(lines[0], "asynclint reports Go concurrency pitfalls") {
			t.Errorf("%v: first line %q", args, lines[0])
		}
		for i, l := range lines {
			if len(l) > 80 {
				t.Errorf("%v: line %d has %d columns: %q", args, i+1, len(l), l)
			}
		}
		for _, r := range analyzers.Suite {
			// a rule off by default is bracketed, one on by default is not
			shown := regexp.MustCompile(` ` + r.Name() + `(\s|$)`)
			if !r.DefaultOn {
				shown = regexp.MustCompile(` \[` + r.Name() + `\](\s|$)`)
			}
			if !shown.MatchString(stdout) {
				t.Errorf("%v does not name rule %s as %s", args, r.Name(), shown)
			}
			r.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
				// -rule.flag, or -rule.{a,flag,b} for a rule with several
				named := regexp.MustCompile(`-` + r.Name() + `\.(` + f.Name + `\b|\{[^}]*\b` + f.Name + `\b[^}]*\})`)
				if !named.MatchString(stdout) {
					t.Errorf("%v does not name flag -%s.%s", args, r.Name(), f.Name)
				}
			})
		}
		for _, want := range []string{"//asynclint:ignore RULE[,RULE] reason", "-sarif file", "-json", "-fix", "-diff", "-tags", "-test=false", "-ignore=false", "asynclint rules", "asynclint help RULE"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v does not show %q", args, want)
			}
		}
	}
}

// TestHelpRuleKeepsTheFullText pins asynclint help RULE: the rule's whole
// documentation first, then its family, page, flags and ignore syntax.
func TestHelpRuleKeepsTheFullText(t *testing.T) {
	t.Parallel()
	for _, r := range analyzers.Suite {
		stdout, stderr, code := run(t, t.TempDir(), nil, "help", r.Name())
		if code != 0 || stderr != "" {
			t.Fatalf("help %s: exit %d, stderr %q", r.Name(), code, stderr)
		}
		if !strings.HasPrefix(stdout, r.Analyzer.Doc+"\n") {
			t.Errorf("help %s does not start with the rule's documentation:\n%s", r.Name(), stdout)
		}
		for _, want := range []string{"family: " + string(r.Family), r.Analyzer.URL, "//asynclint:ignore " + r.Name() + " reason"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("help %s lacks %q", r.Name(), want)
			}
		}
		r.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(stdout, "-"+r.Name()+"."+f.Name+"\n        "+f.Usage) {
				t.Errorf("help %s lacks its flag -%s.%s", r.Name(), r.Name(), f.Name)
			}
		})
	}
	stdout, _, code := run(t, t.TempDir(), nil, "help", "ignore")
	if code != 0 || !strings.HasPrefix(stdout, "ignore: report //asynclint:ignore directives") || !strings.Contains(stdout, "docs/suppression.md") {
		t.Errorf("help ignore: exit %d\n%s", code, stdout)
	}
	if _, stderr, code := run(t, t.TempDir(), nil, "help", "nosuch"); code != 1 || stderr != "asynclint: unknown rule \"nosuch\"; asynclint rules lists them\n" {
		t.Errorf("help nosuch: exit %d, stderr %q", code, stderr)
	}
}

// TestDispatcherFlag runs -blockingcallback.funcs through the command:
// a listed dispatcher's callbacks are judged, through the standalone
// command and through go vet, and a malformed entry is one line of error
// and exit status 1.
func TestDispatcherFlag(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"bus/bus.go": "package bus\n\nfunc On(name string, fn func()) {}\n",
		"app/app.go": `package app

import (
	"time"

	"m/bus"
)

func Register() {
	bus.On("tick", func() { time.Sleep(time.Second) })
}
`,
	})
	if _, stderr, code := run(t, dir, nil, "./..."); code != 0 {
		t.Errorf("no dispatcher listed: exit %d, %s; want a clean run", code, stderr)
	}
	const want = "app/app.go:10:26: time.Sleep blocks a callback of m/bus.On"
	// the rule is off by default: naming it turns it on
	_, stderr, code := run(t, dir, nil, "-blockingcallback", "-blockingcallback.funcs=m/bus.On", "./...")
	if code != 3 || !strings.Contains(stderr, want) {
		t.Errorf("-blockingcallback.funcs=m/bus.On: exit %d, stderr %q; want 3 and %q", code, stderr, want)
	}
	vet := exec.Command("go", "vet", "-vettool="+binary, "-blockingcallback", "-blockingcallback.funcs=m/bus.On", "./...")
	vet.Dir = dir
	if out, err := vet.CombinedOutput(); err == nil || !strings.Contains(string(out), strings.TrimPrefix(want, "app/")) {
		t.Errorf("go vet -vettool -blockingcallback.funcs: err %v, output %s", err, out)
	}
	for _, bad := range []string{"m/bus.(On", "(*m/bus.Bus.On", "On", "m/bus.On,,m/bus.Off", "(m/bus.Bus).", "m/bus.1On"} {
		_, stderr, code := run(t, dir, nil, "-blockingcallback.funcs="+bad, "./...")
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "asynclint: ") || !strings.Contains(lines[0], "-blockingcallback.funcs") {
			t.Errorf("-blockingcallback.funcs=%s: exit %d, stderr %q; want 1 and one line naming the flag", bad, code, stderr)
		}
	}
}
