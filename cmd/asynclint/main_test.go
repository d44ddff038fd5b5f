package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
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

// run runs the binary in dir with env added to this process's.
func run(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
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

const dropsError = `package p

import "errors"

func fail() error { return errors.New("x") }

func G() { go fail() }
`

func TestExitCodesAndOutput(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"p/p.go":     dropsError,
		"clean/c.go": "package clean\n\nfunc F() {}\n",
	})
	if _, stderr, code := run(t, dir, nil, "./clean"); code != 0 || stderr != "" {
		t.Errorf("clean package: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	_, stderr, code := run(t, dir, nil, "./...")
	if code != 3 {
		t.Errorf("findings: exit %d, want 3", code)
	}
	if want := "p/p.go:7:12: error from fail is dropped by the go statement"; !strings.HasPrefix(stderr, want) {
		t.Errorf("findings: stderr %q, want it to start with %q", stderr, want)
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
	diags := tree["m/p"]["lostresult"]
	if len(diags) != 1 || !strings.HasSuffix(diags[0]["posn"].(string), "p/p.go:7:12") || diags[0]["message"] == "" {
		t.Errorf("-json tree = %v", tree)
	}

	stdout, _, code = run(t, dir, nil, "-sarif", "./...")
	if code != 3 || !strings.Contains(stdout, `"ruleId": "lostresult"`) || !strings.Contains(stdout, `"uri": "p/p.go"`) {
		t.Errorf("-sarif: exit %d, output %s", code, stdout)
	}
}

func TestRuleFlags(t *testing.T) {
	dir := writeModule(t, map[string]string{"p/p.go": dropsError + `
func count() int { return 1 }

func H() { go count() }

//asynclint:ignore lostresult stale on purpose
func I() {}
`})
	_, stderr, _ := run(t, dir, nil, "./...")
	if !strings.Contains(stderr, "silences nothing") || strings.Contains(stderr, "result from count") {
		t.Errorf("defaults: %s", stderr)
	}
	if _, stderr, code := run(t, dir, nil, "-lostresult=false", "./..."); code != 0 {
		t.Errorf("-lostresult=false: exit %d, stderr %s; want a clean run (the directive names a disabled rule)", code, stderr)
	}
	if _, stderr, _ := run(t, dir, nil, "-ignore=false", "./..."); strings.Contains(stderr, "silences nothing") {
		t.Errorf("-ignore=false still checks directives: %s", stderr)
	}
	if _, stderr, _ := run(t, dir, nil, "-lostresult.all", "./..."); !strings.Contains(stderr, "result from count is dropped") {
		t.Errorf("-lostresult.all not passed through: %s", stderr)
	}
	// A flag of a rule that is not run on dependencies (go vet analyzes
	// those for facts only) must still be accepted there.
	if _, stderr, code := run(t, dir, nil, "-strandedsend.tests", "-unclosedrange.tests=false", "./..."); code != 3 || !strings.Contains(stderr, "error from fail") {
		t.Errorf("-strandedsend.tests: exit %d, %s", code, stderr)
	}
	if _, stderr, code := run(t, dir, nil, "-nosuchrule", "./..."); code != 1 || !strings.Contains(stderr, "nosuchrule") {
		t.Errorf("unknown flag: exit %d, %s", code, stderr)
	}
}

// TestBadInput checks that every kind of bad input gives a short error and
// exit status 1 (or is analyzed normally), never a panic.
func TestBadInput(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"typeerr/t.go": "package typeerr\n\nfunc f() int { return \"x\" }\n",
		"syntax/s.go":  "package syntax\n\nfunc f( {\n",
		"cgo/c.go":     "package cgo\n\n// int add(int a, int b) { return a + b; }\nimport \"C\"\nimport \"errors\"\n\nfunc Add() int { return int(C.add(1, 2)) }\nfunc fail() error { return errors.New(\"x\") }\nfunc G() { go fail() }\n",
		"tags/t.go":    "//go:build special\n\n" + dropsError,
		"tags/u.go":    "package p\n",
		"gen/g.go":     "// Code generated by hand. DO NOT EDIT.\n\n" + dropsError,
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
		{"cgo", []string{"./cgo"}, 3, "cgo/c.go:9:12: error from fail is dropped"},
		{"build tag off", []string{"./tags"}, 0, ""},
		{"build tag on", []string{"-tags=special", "./tags"}, 3, "tags/t.go:9:12: error from fail"},
		{"generated file", []string{"./gen"}, 0, ""},
		{"generic", []string{"./generic"}, 0, ""}, // run's error is nil on every path
		{"empty pattern", []string{""}, 1, "asynclint: empty package pattern"},
		{"no pattern", nil, 1, "asynclint: no packages named"},
		{"matches nothing", []string{"m/nothing/..."}, 1, `matched no packages`},
		{"nonexistent directory", []string{"./nonexistent"}, 1, "directory not found"},
		{"type error among good packages", []string{"./typeerr", "./cgo"}, 1, "cgo/c.go:9:12: error from fail"},
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
				if code == 1 && !strings.HasPrefix(line, "asynclint: ") && !strings.Contains(line, ": error from") {
					t.Errorf("error line without the asynclint: prefix: %q", line)
				}
			}
		})
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

	vetArgs := append([]string{"vet", "-vettool=" + binary, "-json"}, pkgs...)
	vet := exec.Command("go", vetArgs...)
	vet.Dir, vet.Env = data, append(os.Environ(), env...)
	out, err := vet.Output()
	if err != nil {
		t.Fatalf("go vet: %v", err)
	}
	viaVet := decode(t, out)

	stdout, stderr, code := run(t, data, env, append([]string{"-json"}, pkgs...)...)
	if code != 0 {
		t.Fatalf("standalone: exit %d: %s", code, stderr)
	}
	standalone := decode(t, []byte(stdout))

	inProcess, err := driver.InProcess(data, append(os.Environ(), env...), analyzers.All(), pkgs...)
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
	stdout, _, code := run(t, dir, nil, "rules")
	if code != 0 || !strings.Contains(stdout, "lostresult") || !strings.Contains(stdout, "lost goroutines") {
		t.Errorf("rules: exit %d\n%s", code, stdout)
	}
	stdout, _, code = run(t, dir, nil, "help", "lostresult")
	if code != 0 || !strings.HasPrefix(stdout, "lostresult: report go statements") || !strings.Contains(stdout, "-lostresult.all") {
		t.Errorf("help lostresult: exit %d\n%s", code, stdout)
	}
	stdout, _, code = run(t, dir, nil, "demo", "-list")
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
	_, stderr, code := run(t, dir, nil, "-blockingcallback.funcs=m/bus.On", "./...")
	if code != 3 || !strings.Contains(stderr, want) {
		t.Errorf("-blockingcallback.funcs=m/bus.On: exit %d, stderr %q; want 3 and %q", code, stderr, want)
	}
	vet := exec.Command("go", "vet", "-vettool="+binary, "-blockingcallback.funcs=m/bus.On", "./...")
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
