package plugin_test

// The editor route, end to end: a language server installed through the
// Go module proxy runs the custom golangci-lint on the package of a file
// the editor opens, and publishes asynclint's findings as diagnostics.
// The test is the editor: it speaks LSP over the server's stdio.
//
// The server is efm-langserver, the general-purpose linter server that
// Neovim, Helix and other LSP clients use for golangci-lint.
// golangci-lint-langserver, which the issue named, is refused by the
// module proxy these machines reach (403, "not available"), so it could
// only be documented (docs/editors.md).

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// efmVersion is the efm-langserver the test installs.
const efmVersion = "v0.0.57"

// efmConfig is the efm-langserver configuration docs/editors.md gives,
// with the custom binary's path and golangci-lint's configuration file.
func efmConfig(t *testing.T, custom, golangciYML, extraFlags string) string {
	t.Helper()
	conf := fmt.Sprintf(`version: 2
root-markers: [go.mod]
languages:
  go:
    - lint-command: '%s run --config %s %s--output.text.path=stdout --output.text.print-issued-lines=false --output.text.colors=false --show-stats=false --path-mode=abs "$(dirname ${INPUT})"'
      lint-formats: ['%%f:%%l:%%c: %%m']
      lint-ignore-exit-code: true
      lint-after-open: true
      lint-on-save: true
      lint-workspace: false
      lint-source: golangci-lint
`, custom, golangciYML, extraFlags)
	path := filepath.Join(t.TempDir(), "efm.yaml")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func installEfm(t *testing.T, env *e2eEnv) string {
	t.Helper()
	bin := filepath.Join(env.work, "gobin")
	efm := filepath.Join(bin, "efm-langserver")
	if _, err := os.Stat(efm); err == nil {
		return efm
	}
	start := time.Now()
	if _, err := run(env.work, []string{"GOBIN=" + bin}, "go", "install", "github.com/mattn/efm-langserver@"+efmVersion); err != nil {
		t.Fatal(err)
	}
	t.Logf("install efm-langserver %s: %.1f s", efmVersion, time.Since(start).Seconds())
	return efm
}

// lspClient speaks JSON-RPC with Content-Length framing over a server's
// standard input and output.
type lspClient struct {
	in  io.WriteCloser
	out *bufio.Reader
	id  int
}

// send writes one message. It returns the error rather than failing the
// test: the reader goroutine sends too, and a write after the server has
// begun to exit is not a failure.
func (c *lspClient) send(msg map[string]any) error {
	msg["jsonrpc"] = "2.0"
	b, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(b), b)
	return err
}

func (c *lspClient) request(method string, params any) (int, error) {
	c.id++
	return c.id, c.send(map[string]any{"id": c.id, "method": method, "params": params})
}

func (c *lspClient) notify(method string, params any) error {
	return c.send(map[string]any{"method": method, "params": params})
}

type lspMessage struct {
	ID     *int            `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
}

// read returns the next message from the server.
func (c *lspClient) read() (lspMessage, error) {
	length := -1
	for {
		line, err := c.out.ReadString('\n')
		if err != nil {
			return lspMessage{}, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			length, _ = strconv.Atoi(v)
		}
	}
	if length < 0 {
		return lspMessage{}, fmt.Errorf("message without Content-Length")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(c.out, body); err != nil {
		return lspMessage{}, err
	}
	var m lspMessage
	err := json.Unmarshal(body, &m)
	return m, err
}

type lspDiagnostic struct {
	Range struct {
		Start struct{ Line, Character int }
	}
	Severity int
	Source   string
	Message  string
}

// openAndWait starts the server with config, opens file as an editor
// does, and returns the first diagnostics published for it.
func openAndWait(t *testing.T, efm, config, root, file string) []lspDiagnostic {
	t.Helper()
	cmd := exec.Command(efm, "-c", config)
	cmd.Dir = root
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = in.Close() // the server exits when its input ends
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			t.Logf("language server exited: %v", err)
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Logf("language server killed after 10 s: %v", <-done)
		}
	}()
	c := &lspClient{in: in, out: bufio.NewReader(out)}
	uri := (&url.URL{Scheme: "file", Path: file}).String()
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	type result struct {
		diags []lspDiagnostic
		err   error
	}
	got := make(chan result, 1)
	initID, err := c.request("initialize", map[string]any{
		"processId":    os.Getpid(),
		"rootUri":      (&url.URL{Scheme: "file", Path: root}).String(),
		"capabilities": map[string]any{},
	})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			m, err := c.read()
			if err != nil {
				got <- result{err: err}
				return
			}
			switch {
			case m.ID != nil && *m.ID == initID:
				if len(m.Error) > 0 {
					got <- result{err: fmt.Errorf("initialize: %s", m.Error)}
					return
				}
				err := c.notify("initialized", map[string]any{})
				if err == nil {
					err = c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
						"uri": uri, "languageId": "go", "version": 1, "text": string(text),
					}})
				}
				if err != nil {
					got <- result{err: err}
					return
				}
			case m.Method == "textDocument/publishDiagnostics":
				var p struct {
					URI         string
					Diagnostics []lspDiagnostic
				}
				if err := json.Unmarshal(m.Params, &p); err != nil {
					got <- result{err: err}
					return
				}
				if p.URI == uri {
					got <- result{diags: p.Diagnostics}
					return
				}
			case m.Method == "window/logMessage" || m.Method == "window/showMessage":
				t.Logf("server says: %s", m.Params)
			}
		}
	}()
	select {
	case r := <-got:
		if r.err != nil {
			t.Fatal(r.err)
		}
		// The diagnostics are in hand. The server may close its input
		// as soon as it reads shutdown (efm-langserver does, racing the
		// exit notification), so a failed write here is only logged.
		if _, err := c.request("shutdown", nil); err != nil {
			t.Logf("shutdown: %v", err)
		} else if err := c.notify("exit", nil); err != nil {
			t.Logf("exit: %v", err)
		}
		return r.diags
	case <-time.After(10 * time.Minute):
		t.Fatal("no publishDiagnostics within 10 minutes")
	}
	return nil
}

// TestEditorDiagnostics: opening demo/spinloop/spinloop.go in an editor
// shows asynclint's spinloop finding at the line the command reports;
// with --fast-only, as VS Code's golangci-lint settings often pass, the
// plugin is skipped without a word and the editor shows nothing.
func TestEditorDiagnostics(t *testing.T) {
	env := setup(t)
	efm := installEfm(t, env)
	file := filepath.Join(env.root, "demo", "spinloop", "spinloop.go")
	var want []finding
	for _, f := range commandFindings(t, env, env.root, "./demo/spinloop") {
		if f.File == file {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		t.Fatal("asynclint reports nothing in the demo file: the test would prove nothing")
	}
	golangciYML := golangciConfig(t, "")

	start := time.Now()
	diags := openAndWait(t, efm, efmConfig(t, env.custom, golangciYML, ""), env.root, file)
	t.Logf("initialize, didOpen, publishDiagnostics: %.1f s, %d diagnostics", time.Since(start).Seconds(), len(diags))
	for _, w := range want {
		found := false
		for _, d := range diags {
			if d.Range.Start.Line == w.Line-1 && d.Range.Start.Character == w.Column-1 && strings.HasPrefix(d.Message, w.Text) {
				found = true
				t.Logf("diagnostic %d:%d %q (source %s)", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Message, d.Source)
			}
		}
		if !found {
			t.Errorf("no diagnostic for %s among %+v", w, diags)
		}
	}
	if len(diags) != len(want) {
		t.Errorf("%d diagnostics, the command reports %d findings in the file", len(diags), len(want))
	}

	// --fast-only, with the standard linters on as well (as in most
	// projects): the fast ones still run, asynclint does not.
	start = time.Now()
	diags = openAndWait(t, efm, efmConfig(t, env.custom, golangciConfigWith(t, "standard", ""), "--fast-only "), env.root, file)
	t.Logf("with --fast-only: %.1f s, %d diagnostics", time.Since(start).Seconds(), len(diags))
	for _, d := range diags {
		if strings.Contains(d.Message, "(asynclint)") {
			t.Errorf("with --fast-only, asynclint still ran: %+v", d)
		}
	}
}

// TestFastOnlySkipsPluginSilently shows what --fast-only does on the
// command line. golangci-lint counts a types-info linter as slow, so it
// drops asynclint from the linters to run: beside the standard linters,
// without a word (exit status as usual, no warning, no finding); alone,
// with "no linters enabled", which does not say why.
func TestFastOnlySkipsPluginSilently(t *testing.T) {
	env := setup(t)
	run := func(config string) (string, int) {
		cmd := exec.Command(env.custom, "run", "--config", config, "--fast-only", "-v", "./demo/spinloop")
		cmd.Dir = env.root
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}

	out, code := run(golangciConfigWith(t, "standard", ""))
	var active string
	for l := range strings.Lines(out) {
		if strings.Contains(l, "Active ") && strings.Contains(l, "linters") {
			active = strings.TrimSpace(l)
		}
		if strings.Contains(l, "(asynclint)") {
			t.Errorf("--fast-only still reported a finding: %s", l)
		}
		if strings.Contains(l, "level=warning") || strings.Contains(l, "level=error") {
			t.Logf("golangci-lint says: %s", strings.TrimSpace(l))
		}
	}
	t.Logf("standard linters and asynclint, --fast-only: exit %d; -v says %s", code, active)
	if active == "" || strings.Contains(active, "asynclint") {
		t.Errorf("want asynclint missing from the active linters, got %q\n%s", active, out)
	}
	if code != 0 && code != 1 {
		t.Errorf("exit status %d: golangci-lint failed\n%s", code, out)
	}

	out, code = run(golangciConfig(t, ""))
	t.Logf("asynclint alone, --fast-only: exit %d", code)
	if code == 0 || !strings.Contains(out, "no linters enabled") {
		t.Errorf("want the run to fail with \"no linters enabled\", got exit %d\n%s", code, out)
	}
}
