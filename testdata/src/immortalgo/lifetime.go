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
