package immortalgo

import (
	"sync"
	"time"

	"github.com/spf13/cobra"
)

// A struct-field sync.Once of a package-level singleton: one owner, so
// one goroutine for the process.

type aggregatingCollector struct {
	cronOnce sync.Once
	n        int
}

func (c *aggregatingCollector) cron() { // want cron:"neverReturns"
	for range time.Tick(time.Second) {
		c.n++
	}
}

var (
	defaultCollector *aggregatingCollector
	initMetricsOnce  sync.Once
)

func initMetrics() {
	defaultCollector = newAggregatingCollector()
}

func newAggregatingCollector() *aggregatingCollector {
	return &aggregatingCollector{}
}

// NewTransport sets the metrics up once per process.
func NewTransport() {
	initMetricsOnce.Do(initMetrics)
}

// ok: the only aggregatingCollector is defaultCollector, made once.
func (c *aggregatingCollector) Collect() {
	c.cronOnce.Do(func() {
		go c.cron()
	})
}

// A type with a field Once and a constructor anyone can call: one
// goroutine per value, and values are made on demand.

type storage struct {
	gcOnce sync.Once
	n      int
}

func (s *storage) gc() { // want gc:"neverReturns"
	for range time.Tick(time.Second) {
		s.n++
	}
}

// NewStorage makes a storage per call (per middleware, per test).
func NewStorage() *storage {
	return &storage{}
}

func (s *storage) Get() int {
	s.gcOnce.Do(func() {
		go s.gc() // want `goroutine running s.gc can never stop`
	})
	return s.n
}

// memoryStore starts its janitor in the constructor: the nearest real bug.
type memoryStore struct{ n int }

func (m *memoryStore) janitor() { // want janitor:"neverReturns"
	for range time.Tick(time.Second) {
		m.n++
	}
}

func NewMemoryStore() *memoryStore {
	m := &memoryStore{}
	go m.janitor() // want `goroutine running m.janitor can never stop`
	return m
}

// A CLI command's Run runs once per process: its progress printer lives as
// long as the process by design.

type mirror struct{ total int }

func (m *mirror) progress() { // want progress:"neverReturns"
	for {
		time.Sleep(30 * time.Second)
		println(m.total)
	}
}

// NewMirrorCommand returns the cobra command.
func NewMirrorCommand() *cobra.Command {
	return &cobra.Command{Use: "make-mirror", Run: mirrorCommandFunc}
}

func mirrorCommandFunc(cmd *cobra.Command, args []string) {
	makeMirror(&mirror{})
}

// ok: only ever run by a cobra command, once per process.
func makeMirror(m *mirror) {
	go m.progress()
}

// NewWatchCommand runs a literal.
func NewWatchCommand() *cobra.Command {
	c := &cobra.Command{Use: "watch"}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		go (&mirror{}).progress() // ok: the command runs once per process
		return nil
	}
	return c
}

// The same function also called per request: not process-lifetime.
func mirrorHandler() {
	go (&mirror{}).progress() // want `goroutine running \(&mirror\{\}\).progress can never stop`
}

// A plugin registry, outside package main: a factory registered from init
// runs once per process (containerd's plugin InitFn).

type initContext struct{}

type registration struct {
	ID     string
	InitFn func(*initContext) (any, error)
}

var registry []*registration

func register(r *registration) { registry = append(registry, r) }

func onEvent(f func()) {}

type restartMonitor struct{ n int }

func (m *restartMonitor) run() { // want run:"neverReturns"
	for {
		time.Sleep(time.Second)
		m.n++
	}
}

// ok: only ever called from a factory registered in init.
func startMonitor(m *restartMonitor) {
	go m.run()
}

var (
	factories      = map[string]func() (any, error){}
	defaultMonitor func() (*restartMonitor, error)
	hooks          struct{ onStart func() error }
)

func init() {
	register(&registration{
		ID: "restart",
		InitFn: func(*initContext) (any, error) {
			m := &restartMonitor{}
			go m.run() // ok: a plugin's InitFn registered from init runs once per process
			startMonitor(m)
			return m, nil
		},
	})
	factories["monitor"] = func() (any, error) {
		m := &restartMonitor{}
		go m.run() // ok: a factory stored in a package-level map in init
		return m, nil
	}
	defaultMonitor = func() (*restartMonitor, error) {
		m := &restartMonitor{}
		go m.run() // ok: a factory stored in a package-level variable in init
		return m, nil
	}
	hooks.onStart = func() error {
		go (&restartMonitor{}).run() // ok: stored in a package-level variable's field in init
		return nil
	}
	// A callback without results may run any number of times.
	onEvent(func() {
		m := &restartMonitor{}
		go m.run() // want `goroutine running m.run can never stop`
	})
}

// The same registration from an exported function: every call registers
// (and may run) another factory.
func RegisterRestart() {
	register(&registration{InitFn: func(*initContext) (any, error) {
		m := &restartMonitor{}
		go m.run() // want `goroutine running m.run can never stop`
		return m, nil
	}})
}

// A factory stored by a function other than init.
func setDefault() {
	defaultMonitor = func() (*restartMonitor, error) {
		m := &restartMonitor{}
		go m.run() // want `goroutine running m.run can never stop`
		return m, nil
	}
}
