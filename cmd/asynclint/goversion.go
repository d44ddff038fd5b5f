package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/asynclint/asynclint/internal/driver"
)

// builtWith overrides the Go release this binary reports it was built
// with. It is empty in real builds; tests set it with
// -ldflags=-X=main.builtWith=go1.20 to play a binary built by an older Go.
var builtWith string

// buildGo returns the Go release that built this binary.
func buildGo() string {
	if builtWith != "" {
		return builtWith
	}
	return runtime.Version()
}

// installPath returns the path to go install this command from.
func installPath() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Path != "" && !strings.HasSuffix(bi.Path, ".test") {
		return bi.Path
	}
	return "github.com/asynclint/asynclint/cmd/asynclint"
}

// moduleVersion returns the version of the asynclint module this binary
// was built from ("v1.2.3" when installed with go install ...@v1.2.3), or
// "" for a build from a checkout.
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}

// checkGoCommand stops the process with one line when the go command that
// runs asynclint as its vet tool is of a newer Go release than the one
// that built asynclint: its export data and vet protocol may be ones this
// build cannot read, and it then fails on every package without saying
// why. go vet sets GOROOT for its tool, and GOROOT/VERSION names the
// release; without them (asynclint -V=full run by hand, a development
// toolchain) nothing is checked.
func checkGoCommand() {
	goroot := os.Getenv("GOROOT")
	if goroot == "" {
		return
	}
	b, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		return
	}
	goCmd, _, _ := strings.Cut(string(b), "\n")
	if msg := driver.NewerGo(strings.TrimSpace(goCmd), buildGo(), installPath()); msg != "" {
		fatalf("%s", msg)
	}
}
