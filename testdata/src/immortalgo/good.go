package immortalgo

import (
	"context"
	"log"
	"net"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"fatal"
	"immortalgo/dep"
)

// ok: the ticker loop returns on ctx.Done().
func tickerWithContext(ctx context.Context) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				work()
			case <-ctx.Done():
				return
			}
		}
	}()
}

type Pool struct {
	jobs chan func()
	quit chan struct{}
	wg   sync.WaitGroup
}

// ok: the constructor's workers return when Close closes quit.
func NewStoppablePool(n int) *Pool {
	p := &Pool{jobs: make(chan func()), quit: make(chan struct{})}
	for range n {
		p.wg.Add(1)
		go p.work()
	}
	return p
}

func (p *Pool) work() {
	defer p.wg.Done()
	for {
		select {
		case job := <-p.jobs:
			job()
		case <-p.quit:
			return
		}
	}
}

func (p *Pool) Close() {
	close(p.quit)
	p.wg.Wait()
}

// ok: the workers range over the job channel, which Close closes.
func NewRangePool(n int) *Pool {
	p := &Pool{jobs: make(chan func())}
	for range n {
		go p.drain()
	}
	return p
}

func (p *Pool) drain() {
	for job := range p.jobs {
		job()
	}
}

func (p *Pool) CloseJobs() { close(p.jobs) }

// ok: a labeled break leaves the loop from inside the select.
func labeledBreak(done <-chan struct{}, in <-chan int) {
	go func() {
	loop:
		for {
			select {
			case <-done:
				break loop
			case v := <-in:
				_ = v
			}
		}
	}()
}

// ok: a loop with a condition can end.
func conditionLoop(stopped *atomic.Bool) {
	go func() {
		for !stopped.Load() {
			time.Sleep(time.Millisecond)
		}
	}()
}

// ok: a range over a channel its owner can close.
func rangeParameter(events <-chan string) {
	go func() {
		for e := range events {
			_ = e
		}
	}()
}

// ok: started once, in init, for the life of the process.
func init() {
	c := &cache{}
	go func() {
		for range time.Tick(time.Minute) {
			c.evict()
		}
	}()
}

// ok: a package-level variable's initializer runs once per process.
var _ = func() bool {
	w := &Worker{jobs: make(chan func())}
	go w.loop()
	return true
}()

var janitorOnce sync.Once

// ok: sync.Once starts at most one janitor per process.
func startJanitor(c *cache) {
	janitorOnce.Do(func() {
		go func() {
			for range time.Tick(time.Minute) {
				c.evict()
			}
		}()
	})
}

// ok: so does sync.OnceFunc.
var startFlusher = sync.OnceFunc(func() {
	w := &Worker{jobs: make(chan func())}
	go w.loop()
})

// ok: os.Exit and log.Fatal end the process, and the goroutine with it.
func exitsTheProcess(lis net.Listener, step func() error) {
	go func() {
		for {
			c, err := lis.Accept()
			if err != nil {
				log.Fatal(err)
			}
			go handle(c)
		}
	}()
	go func() {
		for {
			if step() != nil {
				os.Exit(1)
			}
		}
	}()
}

// ok: runtime.Goexit ends the goroutine.
func endsTheGoroutine(step func() error) {
	go func() {
		for {
			if step() != nil {
				runtime.Goexit()
			}
		}
	}()
}

// ok: goto to a label outside the loop leaves it.
func gotoOut(step func() error) {
	go func() {
		for {
			if step() != nil {
				goto done
			}
		}
	done:
		work()
	}()
}

// ok: continue on an outer label leaves the inner loop, and the outer
// range ends when batches is closed.
func continueOuter(batches <-chan []int) {
	go func() {
	outer:
		for b := range batches {
			for {
				if len(b) == 0 {
					continue outer
				}
				b = b[1:]
			}
		}
	}()
}

// ok: an accept loop that returns when the listener is closed.
func (s *Server) acceptUntilClosed() {
	for {
		c, err := s.lis.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}

func (s *Server) ServeUntilClosed() {
	go s.acceptUntilClosed()
}

// ok: retry until success, then leave.
func retryThenLeave(step func() error) {
	go func() {
		for {
			if step() == nil {
				break
			}
			time.Sleep(time.Second)
		}
		work()
	}()
}

// ok: function values and interface methods have no body to judge.
type Runner interface{ Run() }

func unknownBodies(f func(), r Runner) {
	go f()
	go r.Run()
}

// ok: the immortal loop is in a callback the goroutine only stores.
func storesCallback(register func(func())) {
	go func() {
		register(func() {
			for {
				work()
			}
		})
	}()
}

// ok: the cross-package functions can stop.
func crossPackageStoppable(ctx context.Context, p *dep.Poller, events <-chan string, ch <-chan int) {
	go p.Stoppable()
	go dep.Watch(ctx, events)
	go dep.Drain(ch)
}

// ok: an immortal goroutine the author means, with a reason.
func documentedForever(w *Worker) {
	//asynclint:ignore immortalgo one flusher per process, started by Open
	go w.loop()
}

var stats struct{ hits, misses int }

func flushStats() {}

// ok: a package daemon: its loop works on package-level state only, so
// there is no owner to stop it for (a package-level janitor).
func StartStatsFlusher() {
	go func() {
		for range time.Tick(time.Minute) {
			stats.hits, stats.misses = 0, 0
			flushStats()
		}
	}()
	go flushForever()
}

func flushForever() { // want flushForever:"neverReturns"
	for {
		time.Sleep(time.Minute)
		flushStats()
	}
}

// ok: a function only ever called from init runs once per process.
func startSweeper(c *cache) {
	go func() {
		for range time.Tick(time.Minute) {
			c.evict()
		}
	}()
}

func init() {
	startSweeper(&cache{})
}

// ok: the loop's way out is the project's own fatal helper, in another
// package, which ends the process.
func fatalHelperLeavesLoop(step func() error) {
	go func() {
		for {
			if err := step(); err != nil {
				fatal.Exitf("step: %v", err)
			}
		}
	}()
}
