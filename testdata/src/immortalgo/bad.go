package immortalgo

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"

	"fatal"
	"immortalgo/dep"
)

func work()             {}
func step() error       { return errors.New("x") }
func handle(c net.Conn) {}

type cache struct{ items map[string]string }

func (c *cache) evict() {}

// A function literal whose ticker loop has nothing to leave on.
func literalTickerLoop(c *cache) {
	go func() { // want `goroutine can never stop: its loop has no exit; select on ctx.Done\(\) or a quit channel and return`
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				c.evict()
			}
		}
	}()
}

type Worker struct {
	jobs chan func()
	quit chan struct{}
}

func (w *Worker) loop() { // want loop:"neverReturns"
	for {
		job := <-w.jobs
		job()
	}
}

// The constructor starts a worker that its owner can never stop.
func NewWorker() *Worker {
	w := &Worker{jobs: make(chan func())}
	go w.loop() // want `goroutine running w.loop can never stop: its loop has no exit; select on ctx.Done\(\) or a quit channel and return`
	return w
}

// A pool started by a constructor: n immortal workers per pool.
func NewPool(n int) *Worker {
	w := &Worker{jobs: make(chan func())}
	for range n {
		go w.loop() // want `goroutine running w.loop can never stop`
	}
	return w
}

func (w *Worker) breakLeavesSelect() { // want breakLeavesSelect:"neverReturns"
	for {
		select {
		case <-w.quit:
			break // leaves the select, not the loop
		case job := <-w.jobs:
			job()
		}
	}
}

// break in a select is the classic false exit.
func selectBreak(w *Worker) {
	go w.breakLeavesSelect() // want `its loop has no exit \(break in a select or switch leaves only that statement\); return there, or break with a label on the loop`
}

// Done is received but not acted on: the loop keeps going.
func ctxDoneIgnored(ctx context.Context, in <-chan int) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			select {
			case <-ctx.Done():
				work()
			case v := <-in:
				_ = v
			}
		}
	}()
}

// time.Tick's channel is never closed.
func rangeTimeTick(c *cache) {
	go func() { // want `it ranges over time.Tick's channel, which is never closed; select on the ticker and on ctx.Done\(\) or a quit channel, and return`
		for range time.Tick(time.Second) {
			c.evict()
		}
	}()
}

// Stop does not close a ticker's channel.
func rangeTickerC() {
	t := time.NewTicker(time.Second)
	go func() { // want `it ranges over a ticker's channel, which is never closed`
		for range t.C {
			work()
		}
	}()
	t.Stop()
}

// A local only ever assigned time.Tick's channel.
func rangeTickVariable() {
	tick := time.Tick(time.Minute)
	go func() { // want `it ranges over time.Tick's channel, which is never closed`
		for now := range tick {
			_ = now
		}
	}()
}

// Facts: the loop lives in another package.
func crossPackage(p *dep.Poller) {
	go p.Loop()             // want `goroutine running p.Loop can never stop: its loop has no exit`
	go p.Run()              // want `goroutine running p.Run can never stop: it calls p.Loop, which never returns`
	go dep.Heartbeat(work)  // want `goroutine running dep.Heartbeat can never stop: it ranges over time.Tick's channel`
	go func() { p.Run() }() // want `goroutine can never stop: it calls p.Run, which never returns`
}

// A literal that calls an immortal method: it never reaches wg.Done.
func literalCallsLoop(w *Worker, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() { // want `goroutine can never stop: it calls w.loop, which never returns`
		defer wg.Done()
		w.loop()
	}()
}

type Server struct {
	disabled bool
	lis      net.Listener
	cache    *cache
}

// An early return does not help once the loop is reached.
func (s *Server) refresh() { // want refresh:"loopsForever"
	if s.disabled {
		return
	}
	for {
		time.Sleep(time.Second)
		s.cache.evict()
	}
}

func (s *Server) Start() {
	go s.refresh() // want `goroutine running s.refresh can never stop`
}

// A panic is a crash, not a way to stop the goroutine.
func panicIsNotAnExit(step func() error) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			if err := step(); err != nil {
				panic(err)
			}
		}
	}()
}

// An accept loop that continues on every error spins after Close.
func (s *Server) acceptLoop() { // want acceptLoop:"neverReturns"
	for {
		c, err := s.lis.Accept()
		if err != nil {
			continue
		}
		go handle(c)
	}
}

func (s *Server) Serve() {
	go s.acceptLoop() // want `goroutine running s.acceptLoop can never stop`
}

// The break leaves only the inner range.
func breakLeavesInnerLoop(batches <-chan []int) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			for _, v := range <-batches {
				if v < 0 {
					break
				}
			}
		}
	}()
}

// for true is for; the loop uses a local assigned from a parameter.
func forTrue(s *Server) {
	go func() { // want `goroutine can never stop`
		c := s.cache
		for true {
			c.evict()
		}
	}()
}

// continue on the loop's own label restarts it; done is captured.
func continueOwnLabel(done <-chan struct{}) {
	go func() { // want `goroutine can never stop`
	loop:
		for {
			select {
			case <-done:
				continue loop
			default:
				work()
			}
		}
	}()
}

type Queue[T any] struct{ items chan T }

func (q *Queue[T]) pump(sink func(T)) { // want pump:"neverReturns"
	for {
		sink(<-q.items)
	}
}

// Generic methods are judged by their origin.
func genericMethod(q *Queue[int]) {
	go q.pump(func(int) {}) // want `goroutine running q.pump can never stop`
}

type Client struct {
	once  sync.Once
	cache *cache
}

// A sync.Once in a field runs once per client: one janitor per client.
func (cl *Client) ensureJanitor() {
	cl.once.Do(func() {
		go func() { // want `goroutine can never stop: it ranges over time.Tick's channel`
			for range time.Tick(time.Minute) {
				cl.cache.evict()
			}
		}()
	})
}

// Recursion does not make the verdict depend on the order of judgment.
func pingLoop(c *cache, again bool) { // want pingLoop:"neverReturns"
	if again {
		pongLoop(c)
	}
	for {
		c.evict()
	}
}

func pongLoop(c *cache) { pingLoop(c, false) } // want pongLoop:"neverReturns"

func recursiveLoops(c *cache) {
	go pongLoop(c) // want `goroutine running pongLoop can never stop: it calls pingLoop, which never returns`
}

// A helper that panics never returns, but a crash is no way to stop the
// goroutine.
func panicHelperIsNoExit(step func() error) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			if err := step(); err != nil {
				fatal.Crashf("step: %v", err)
			}
		}
	}()
}
