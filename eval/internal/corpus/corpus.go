// Package corpus knows the real code asynclint is evaluated on: the
// standard library and the modules pinned by eval/corpus.
package corpus

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Dir returns the directory of the corpus module under the repository root.
func Dir(root string) string { return filepath.Join(root, "eval", "corpus") }

// Tuned lists the twelve modules the family-1 rules were tuned on. The
// census keeps their figures apart from the rest of the corpus, which
// nobody tuned to.
var Tuned = []string{
	"google.golang.org/grpc",
	"github.com/nats-io/nats-server/v2",
	"github.com/nats-io/nats.go",
	"github.com/hashicorp/raft",
	"github.com/hashicorp/memberlist",
	"github.com/hashicorp/yamux",
	"go.etcd.io/etcd/client/v3",
	"github.com/prometheus/client_golang",
	"github.com/IBM/sarama",
	"github.com/dgraph-io/badger/v4",
	"github.com/redis/go-redis/v9",
	"github.com/segmentio/kafka-go",
}

// Sample is the part of the corpus that CI analyzes: the tuned twelve and
// a few small modules of the rest, chosen so that a cold run stays well
// inside CI's time (docs/evaluation/README.md has the figures). The full
// corpus is for a run by hand.
var Sample = append(slices.Clone(Tuned),
	"github.com/jackc/pgx/v5",
	"go.etcd.io/bbolt",
	"github.com/rabbitmq/amqp091-go",
	"github.com/nsqio/go-nsq",
	"github.com/go-chi/chi/v5",
)

// Excluded lists the packages of the corpus modules that cannot be
// analyzed here, each with the reason. Every other package of every
// module, tests included, must type-check under go vet.
var Excluded = map[string]string{
	"github.com/ethereum/go-ethereum/internal/build": "its build tooling imports golang.org/x/crypto/openpgp, which the x/crypto that the corpus resolves to (v0.59.0, asked for by go-libp2p) no longer has",

	// The web UI is embedded from app/dist, which is built by npm and is
	// not in the module's zip: ui does not compile, nor does what imports it.
	"github.com/prometheus/alertmanager/ui":               "embeds app/dist, a build output that the module zip does not contain",
	"github.com/prometheus/alertmanager/app":              "imports alertmanager/ui (app/dist missing from the module zip)",
	"github.com/prometheus/alertmanager/cmd/alertmanager": "imports alertmanager/ui (app/dist missing from the module zip)",
	"github.com/prometheus/alertmanager/test/e2e":         "its tests import alertmanager/app, which imports alertmanager/ui (app/dist missing from the module zip)",
}

// Modules lists the modules the corpus module requires directly (not
// their nested modules, which it does not pin), as path@version.
func Modules(root string) ([]string, error) {
	out, err := goCmd(Dir(root), "list", "-m", "-f", "{{if not .Indirect}}{{if not .Main}}{{.Path}}@{{.Version}}{{end}}{{end}}", "all")
	if err != nil {
		return nil, err
	}
	return strings.Fields(out), nil
}

// Packages lists every package of the modules the corpus module requires
// directly, less Excluded. With only, it lists the packages of those
// modules alone; each must be a direct requirement.
func Packages(root string, only ...string) ([]string, error) {
	all, err := Modules(root)
	if err != nil {
		return nil, err
	}
	var mods []string
	for _, mv := range all {
		m, _, _ := strings.Cut(mv, "@")
		mods = append(mods, m)
	}
	if len(only) > 0 {
		for _, m := range only {
			if !slices.Contains(mods, m) {
				return nil, fmt.Errorf("module %s is not a direct requirement of %s", m, Dir(root))
			}
		}
		mods = only
	}
	var patterns []string
	for _, m := range mods {
		patterns = append(patterns, m+"/...")
	}
	out, err := goCmd(Dir(root), append([]string{"list", "-e", "-f", "{{if .Module}}{{.Module.Path}} {{.ImportPath}}{{end}}"}, patterns...)...)
	if err != nil {
		return nil, err
	}
	var pkgs []string
	for line := range strings.Lines(out) {
		mod, pkg, _ := strings.Cut(strings.TrimSpace(line), " ")
		if slices.Contains(mods, mod) && Excluded[pkg] == "" {
			pkgs = append(pkgs, pkg)
		}
	}
	return pkgs, nil
}

func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		return "", err
	}
	return string(out), nil
}
