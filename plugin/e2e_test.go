package plugin_test

// The end-to-end tests build the custom golangci-lint binary a user gets
// from golangci-lint custom, and run it. They take minutes (golangci-lint
// is compiled twice), so they run only with ASYNCLINT_E2E=1, as .ci/run
// sets; plain go test ./... skips them.
//
// golangci-lint custom clones golangci-lint from GitHub, which these
// machines cannot reach. Everything else is the real thing: the test
// installs golangci-lint at the pinned version through the module proxy,
// makes a local git repository holding the same tag from the module
// proxy's copy of that version, points git at it with url.insteadOf, and
// runs golangci-lint custom with the .custom-gcl.yml docs/golangci-lint.md
// gives (with path: this checkout). custom then does what it always does:
// rewrites cmd/golangci-lint/plugins.go to import the plugin, adds the
// replace directive, runs go mod tidy and go build.
//
//	ASYNCLINT_E2E=1                 run them
//	ASYNCLINT_GOLANGCI_LINT=path    use this golangci-lint (v2.15.0) instead of installing one
//	ASYNCLINT_E2E_BIN=dir           leave the custom binary and asynclint in dir
//	ASYNCLINT_CUSTOM_GCL=path       test this custom binary instead of building one
//	                                (to iterate on the tests; it must be built from this checkout)

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/testutil"
)

// golangciVersion is the golangci-lint the plugin is built and tested
// with: the newest that resolves through the module proxy here.
const golangciVersion = "v2.15.0"

const golangciModule = "github.com/golangci/golangci-lint/v2"

// e2eEnv is what the end-to-end tests share: built once per process.
type e2eEnv struct {
	root      string // this checkout
	work      string // scratch directory
	custom    string // the custom golangci-lint binary
	asynclint string // the command, built from this checkout
}

var (
	e2eOnce  sync.Once
	e2e      *e2eEnv
	e2eErr   error
	e2eClean []string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range e2eClean {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// setup returns the built binaries, building them on first use, or skips
// the test unless ASYNCLINT_E2E is set.
func setup(t *testing.T) *e2eEnv {
	t.Helper()
	if os.Getenv("ASYNCLINT_E2E") == "" {
		t.Skip("builds golangci-lint with the plugin (minutes); set ASYNCLINT_E2E=1 to run")
	}
	root := testutil.Root(t)
	e2eOnce.Do(func() { e2e, e2eErr = buildE2E(t, root) })
	if e2eErr != nil {
		t.Fatal(e2eErr)
	}
	return e2e
}

func buildE2E(t *testing.T, root string) (*e2eEnv, error) {
	work, err := os.MkdirTemp("", "asynclint-e2e")
	if err != nil {
		return nil, err
	}
	e2eClean = append(e2eClean, work)
	bin := filepath.Join(work, "bin")
	if dir := os.Getenv("ASYNCLINT_E2E_BIN"); dir != "" {
		bin, err = filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
	}
	env := &e2eEnv{root: root, work: work, custom: filepath.Join(bin, "custom-gcl"), asynclint: filepath.Join(bin, "asynclint")}

	step := func(what string, f func() error) error {
		start := time.Now()
		err := f()
		t.Logf("%s: %.1f s", what, time.Since(start).Seconds())
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	if err := step("build asynclint", func() error {
		_, err := run(root, nil, "go", "build", "-o", env.asynclint, "./cmd/asynclint")
		return err
	}); err != nil {
		return nil, err
	}

	if custom := os.Getenv("ASYNCLINT_CUSTOM_GCL"); custom != "" {
		env.custom = custom
		return env, nil
	}

	gcl := os.Getenv("ASYNCLINT_GOLANGCI_LINT")
	if gcl == "" {
		gcl = filepath.Join(work, "gobin", "golangci-lint")
		if err := step("install golangci-lint "+golangciVersion, func() error {
			_, err := run(work, []string{"GOBIN=" + filepath.Dir(gcl)}, "go", "install", golangciModule+"/cmd/golangci-lint@"+golangciVersion)
			return err
		}); err != nil {
			return nil, err
		}
	}
	if out, err := run(work, nil, gcl, "version"); err != nil || !strings.Contains(out, strings.TrimPrefix(golangciVersion, "v")) {
		return nil, fmt.Errorf("%s version: want %s, got %q (%v)", gcl, golangciVersion, out, err)
	}

	mirror := filepath.Join(work, "golangci-lint.git")
	if err := step("mirror golangci-lint "+golangciVersion+" from the module proxy", func() error {
		return makeMirror(work, mirror)
	}); err != nil {
		return nil, err
	}

	// The .custom-gcl.yml of docs/golangci-lint.md, with path: instead of
	// version:, since the plugin under test is this checkout.
	buildDir := filepath.Join(work, "custom")
	if err := os.MkdirAll(buildDir, 0o755); err != nil {
		return nil, err
	}
	conf := fmt.Sprintf(`version: %s
name: custom-gcl
destination: %s
plugins:
  - module: github.com/asynclint/asynclint
    import: github.com/asynclint/asynclint/plugin
    path: %s
`, golangciVersion, bin, root)
	if err := os.WriteFile(filepath.Join(buildDir, ".custom-gcl.yml"), []byte(conf), 0o644); err != nil {
		return nil, err
	}
	gitEnv := []string{
		"GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=url.file://" + mirror + ".insteadOf",
		"GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git",
	}
	if err := step("golangci-lint custom", func() error {
		_, err := run(buildDir, gitEnv, gcl, "custom", "-v")
		return err
	}); err != nil {
		return nil, err
	}
	return env, nil
}

// makeMirror makes a git repository at dir whose tag golangciVersion holds
// golangci-lint's source as the module proxy serves it.
func makeMirror(work, dir string) error {
	out, err := run(work, nil, "go", "mod", "download", "-json", golangciModule+"@"+golangciVersion)
	if err != nil {
		return err
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal([]byte(out), &mod); err != nil || mod.Dir == "" {
		return fmt.Errorf("go mod download: no directory in %q", out)
	}
	for _, argv := range [][]string{
		{"cp", "-R", mod.Dir, dir},
		{"chmod", "-R", "u+w", dir}, // the module cache is read-only
		{"git", "init", "-q"},
		{"git", "add", "-A"},
		{"git", "-c", "user.name=e2e", "-c", "user.email=e2e@localhost", "commit", "-q", "-m", golangciVersion},
		{"git", "tag", golangciVersion},
	} {
		d := dir
		if argv[0] == "cp" {
			d = work
		}
		if _, err := run(d, nil, argv[0], argv[1:]...); err != nil {
			return err
		}
	}
	return nil
}

// run runs name in dir with env added and returns its standard output; an
// error carries the standard error.
func run(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(stderr.String(), 40))
	}
	return stdout.String(), nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// golangciConfig is the .golangci.yml of docs/golangci-lint.md with
// asynclint alone, plus absolute paths in the output so the test can
// compare positions.
func golangciConfig(t *testing.T, settings string) string {
	t.Helper()
	return golangciConfigWith(t, "none", settings)
}

// golangciConfigWith is golangciConfig with asynclint enabled beside the
// linters of the group defaults (none, standard, all, fast).
func golangciConfigWith(t *testing.T, defaults, settings string) string {
	t.Helper()
	conf := `version: "2"
linters:
  default: ` + defaults + `
  enable:
    - asynclint
  settings:
    custom:
      asynclint:
        type: module
        description: Go concurrency pitfalls
        original-url: github.com/asynclint/asynclint
        settings:
` + indent(settings, "          ") + `
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
output:
  path-mode: abs
run:
  # other golangci-lint runs on the machine must not fail the test
  allow-parallel-runners: true
`
	path := filepath.Join(t.TempDir(), ".golangci.yml")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func indent(s, prefix string) string {
	if s == "" {
		return prefix + "{}"
	}
	return prefix + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n"+prefix)
}

// finding is one issue as golangci-lint shows it.
type finding struct {
	File         string
	Line, Column int
	Text         string // "RULE: message (see ...)"
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Column, f.Text)
}

func compareFindings(a, b finding) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Text, b.Text))
}

// golangciFindings runs the custom binary in dir and returns asynclint's issues.
func golangciFindings(t *testing.T, env *e2eEnv, dir, config string, args ...string) []finding {
	t.Helper()
	argv := append([]string{"run", "--config", config, "--output.json.path", "stdout", "--show-stats=false"}, args...)
	cmd := exec.Command(env.custom, argv...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("custom-gcl %s: %v\n%s", strings.Join(argv, " "), err, stderr.String())
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("custom-gcl output: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	var out []finding
	for _, is := range report.Issues {
		if is.FromLinter != "asynclint" {
			t.Errorf("issue from %s, not asynclint: %s", is.FromLinter, is.Text)
			continue
		}
		out = append(out, finding{is.Pos.Filename, is.Pos.Line, is.Pos.Column, is.Text})
	}
	slices.SortFunc(out, compareFindings)
	return out
}

// commandFindings runs asynclint -json in dir and returns its findings as
// golangci-lint should show them: "RULE: message", related positions
// folded in, each once (a package and its test variant share files).
func commandFindings(t *testing.T, env *e2eEnv, dir string, args ...string) []finding {
	t.Helper()
	out, err := run(dir, nil, env.asynclint, append([]string{"-json"}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("asynclint -json: %v\n%s", err, out)
	}
	seen := map[finding]bool{}
	var list []finding
	for pkg, byRule := range tree {
		for rule, raw := range byRule {
			var diags []struct {
				Posn    string
				Message string
				Related []struct{ Posn, Message string }
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("%s: %s: %s", pkg, rule, raw)
			}
			for _, d := range diags {
				file, line, col := splitPosn(t, d.Posn)
				var see []string
				for _, r := range d.Related {
					rf, rl, _ := splitPosn(t, r.Posn)
					if rf == file {
						see = append(see, fmt.Sprintf("line %d: %s", rl, r.Message))
					} else {
						see = append(see, fmt.Sprintf("%s:%d: %s", filepath.Base(rf), rl, r.Message))
					}
				}
				text := rule + ": " + d.Message
				if len(see) > 0 {
					text += " (see " + strings.Join(see, "; ") + ")"
				}
				f := finding{file, line, col, text}
				if !seen[f] {
					seen[f] = true
					list = append(list, f)
				}
			}
		}
	}
	slices.SortFunc(list, compareFindings)
	return list
}

func splitPosn(t *testing.T, posn string) (string, int, int) {
	t.Helper()
	rest, col, ok1 := cutLast(posn)
	file, line, ok2 := cutLast(rest)
	l, err1 := strconv.Atoi(line)
	c, err2 := strconv.Atoi(col)
	if !ok1 || !ok2 || err1 != nil || err2 != nil {
		t.Fatalf("bad position %q", posn)
	}
	return file, l, c
}

func cutLast(s string) (string, string, bool) {
	i := strings.LastIndex(s, ":")
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

// nolinted reports whether f's line carries //nolint:asynclint.
func nolinted(t *testing.T, f finding) bool {
	t.Helper()
	src, err := os.ReadFile(f.File)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	return f.Line <= len(lines) && strings.Contains(lines[f.Line-1], "//nolint:asynclint")
}

// fixtureModule copies testdata/e2e into a module of its own.
func fixtureModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "e2e", "fixture.go"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"go.mod":     "module example.com/fixture\n\ngo 1.26\n",
		"fixture.go": string(src),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestGolangciLintMatchesCommand: on the demo package and on the fixture,
// the custom golangci-lint reports what asynclint reports, rule for rule,
// with the same positions and text, except what //nolint:asynclint hides.
func TestGolangciLintMatchesCommand(t *testing.T) {
	env := setup(t)
	config := golangciConfig(t, "")
	fixture := fixtureModule(t)
	for _, c := range []struct {
		name, dir, pattern string
	}{
		{"demo", env.root, "./demo/..."},
		{"fixture", fixture, "./..."},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			got := golangciFindings(t, env, c.dir, config, c.pattern)
			t.Logf("custom-gcl run %s: %.1f s, %d issues", c.pattern, time.Since(start).Seconds(), len(got))
			all := commandFindings(t, env, c.dir, c.pattern)
			var want, hidden []finding
			for _, f := range all {
				if nolinted(t, f) {
					hidden = append(hidden, f)
				} else {
					want = append(want, f)
				}
			}
			if len(want) == 0 {
				t.Fatal("asynclint found nothing: the comparison would prove nothing")
			}
			if !slices.EqualFunc(got, want, func(a, b finding) bool { return a == b }) {
				t.Errorf("golangci-lint and asynclint differ\n%s", diff(got, want))
			}
			rules := map[string]int{}
			for _, f := range got {
				rule, _, _ := strings.Cut(f.Text, ": ")
				rules[rule]++
			}
			t.Logf("%d findings by rule %v; %d hidden by //nolint:asynclint", len(got), rules, len(hidden))
			if c.name == "fixture" {
				checkFixture(t, got, hidden)
			}
		})
	}
}

// checkFixture checks that every case of the fixture happened as its
// comment says, so that the comparison covers each kind of suppression.
func checkFixture(t *testing.T, got, hidden []finding) {
	t.Helper()
	has := func(list []finding, prefix string) bool {
		return slices.ContainsFunc(list, func(f finding) bool { return strings.HasPrefix(f.Text, prefix) })
	}
	if n := len(hidden); n != 2 || !has(hidden, "spinloop: ") || !has(hidden, "unwaited: ") {
		t.Errorf("want the two //nolint:asynclint findings (spinloop, unwaited) hidden, got %v", hidden)
	}
	if !has(got, "ignore: asynclint:ignore for spinloop silences nothing here") {
		t.Error("the stale //asynclint:ignore was not reported")
	}
	if !has(got, "spinloop: ") {
		t.Error("the plain spinloop finding was not reported")
	}
	var related []finding
	for _, f := range got {
		if strings.Contains(f.Text, "related information") {
			t.Errorf("a related position became an issue of its own: %s", f)
		}
		if strings.HasPrefix(f.Text, "unwaited: ") {
			related = append(related, f)
		}
	}
	if len(related) != 1 || !strings.Contains(related[0].Text, "(see line ") || strings.Count(related[0].Text, "returns here without waiting") != 2 {
		t.Errorf("want one unwaited issue carrying its two related positions, got %v", related)
	}
	if len(got) != 3 {
		t.Errorf("want 3 issues (spinloop, ignore, unwaited), got %d:\n%s", len(got), diff(got, nil))
	}
}

func diff(got, want []finding) string {
	var b strings.Builder
	for _, f := range got {
		if !slices.Contains(want, f) {
			fmt.Fprintf(&b, "  only golangci-lint: %s\n", f)
		}
	}
	for _, f := range want {
		if !slices.Contains(got, f) {
			fmt.Fprintf(&b, "  only asynclint:     %s\n", f)
		}
	}
	return b.String()
}

// TestGolangciLintSettings: per-rule flags and rule selection reach the
// analyzers inside golangci-lint.
func TestGolangciLintSettings(t *testing.T) {
	env := setup(t)
	fixture := fixtureModule(t)
	got := golangciFindings(t, env, fixture, golangciConfig(t, "enable: [unwaited]"), "./...")
	for _, f := range got {
		if !strings.HasPrefix(f.Text, "unwaited: ") && !strings.HasPrefix(f.Text, "ignore: ") {
			t.Errorf("enable: [unwaited] still ran another rule: %s", f)
		}
	}
	if len(got) == 0 {
		t.Error("enable: [unwaited] reported nothing")
	}
	// With spinloop off, neither its findings nor the directive naming
	// it are reported (a directive for a rule not run is not judged).
	got = golangciFindings(t, env, fixture, golangciConfig(t, "disable: [spinloop]"), "./...")
	for _, f := range got {
		if strings.HasPrefix(f.Text, "spinloop: ") || strings.HasPrefix(f.Text, "ignore: ") {
			t.Errorf("disable: [spinloop] still reported %s", f)
		}
	}
	if len(got) == 0 {
		t.Error("disable: [spinloop] reported nothing: unwaited's finding is gone too")
	}
	// lostresult, off by default (checkFixture's count says so), runs
	// when enable names it.
	got = golangciFindings(t, env, fixture, golangciConfig(t, "enable: [lostresult]"), "./...")
	if len(got) != 1 || !strings.HasPrefix(got[0].Text, "lostresult: error from fetch is dropped") {
		t.Errorf("enable: [lostresult]: want fetch's dropped error alone, got %v", got)
	}
}

// TestGolangciLintBadSettings: a mistake in the plugin's settings stops
// golangci-lint with an error that names it, on one line.
func TestGolangciLintBadSettings(t *testing.T) {
	env := setup(t)
	fixture := fixtureModule(t)
	for _, c := range []struct{ settings, want string }{
		{"enable: [lostresult, nosuch]", `unknown rule "nosuch" in enable; known rules: `},
		{"settings: {lostresult: {every: true}}", `unknown flag "every" for rule lostresult; its flags: all, tests`},
		{"settings: {lostresult: {all: yes please}}", `settings.lostresult.all: want true or false, got a string ("yes please")`},
		{"enable: lostresult", `settings.enable: want a list of rule names, got a string`},
	} {
		cmd := exec.Command(env.custom, "run", "--config", golangciConfig(t, c.settings), "./...")
		cmd.Dir = fixture
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			t.Errorf("%s: golangci-lint ended with %v, want exit status 3 (failure)\n%s", c.settings, err, out)
			continue
		}
		var line string
		for l := range strings.Lines(string(out)) {
			if strings.Contains(l, c.want) {
				line = l
			}
		}
		if line == "" {
			t.Errorf("%s: no line says %q:\n%s", c.settings, c.want, out)
			continue
		}
		t.Logf("%s -> %s", c.settings, strings.TrimSpace(line))
	}
}
