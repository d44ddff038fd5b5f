// Package immortalgo shows the immortalgo rule at run time: workers whose
// loop has no exit outlive every owner that closes their pool, so each
// restart leaks another set of them.
package immortalgo

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
)

// BadPool runs jobs on workers that can never stop.
type BadPool struct {
	jobs   chan func()
	closed atomic.Bool
}

// Bad starts n workers whose loop has no exit: nothing the pool's Close
// can do reaches them, so they wait for jobs forever.
func Bad(n int) *BadPool {
	p := &BadPool{jobs: make(chan func())}
	for range n {
		go p.badWork()
	}
	return p
}

func (p *BadPool) badWork() {
	for {
		job := <-p.jobs
		job()
	}
}

// Submit runs job on a worker.
func (p *BadPool) Submit(job func()) {
	if !p.closed.Load() {
		p.jobs <- job
	}
}

// Close refuses new jobs; the workers keep waiting.
func (p *BadPool) Close() { p.closed.Store(true) }

// GoodPool runs jobs on workers that leave when it is closed.
type GoodPool struct {
	jobs chan func()
	wg   sync.WaitGroup
}

// Good starts n workers that range over the job channel, which Close
// closes: the range ends and each worker returns.
func Good(n int) *GoodPool {
	p := &GoodPool{jobs: make(chan func())}
	for range n {
		p.wg.Add(1)
		go p.goodWork()
	}
	return p
}

func (p *GoodPool) goodWork() {
	defer p.wg.Done()
	for job := range p.jobs {
		job()
	}
}

// Submit runs job on a worker.
func (p *GoodPool) Submit(job func()) { p.jobs <- job }

// Close ends the workers and waits for them.
func (p *GoodPool) Close() {
	close(p.jobs)
	p.wg.Wait()
}

// pool is what Restart needs of either pool.
type pool interface {
	Submit(func())
	Close()
}

// Restart runs an owner's life restarts times: it starts a pool of
// workers, gives it jobs, and closes it, as a server that is reloaded or
// a test that runs again would. It returns how many jobs ran.
func Restart(start func(workers int) pool, restarts, workers, jobs int) int {
	var ran atomic.Int32
	for range restarts {
		p := start(workers)
		var wg sync.WaitGroup
		for range jobs {
			wg.Add(1)
			p.Submit(func() { ran.Add(1); wg.Done() })
		}
		wg.Wait()
		p.Close()
	}
	return int(ran.Load())
}

// StartBad and StartGood adapt Bad and Good to Restart.
func StartBad(n int) pool  { return Bad(n) }
func StartGood(n int) pool { return Good(n) }

// Show restarts both pools a few times and counts the workers left.
func Show(w io.Writer) error {
	const restarts, workers, jobs = 5, 4, 20
	before := leakcheck.Stuck("immortalgo.(*BadPool).badWork")
	badRan := Restart(StartBad, restarts, workers, jobs)
	leakcheck.Settle()
	badLeft := leakcheck.Stuck("immortalgo.(*BadPool).badWork") - before
	goodRan := Restart(StartGood, restarts, workers, jobs)
	leakcheck.Settle()
	goodLeft := leakcheck.Stuck("immortalgo.(*GoodPool).goodWork")
	fmt.Fprintf(w, "bad:  %d pools of %d workers started and closed (%d jobs ran); %d workers are still waiting for jobs that will never come (%s)\n",
		restarts, workers, badRan, badLeft, leakcheck.Method())
	fmt.Fprintf(w, "good: %d pools of %d workers started and closed (%d jobs ran); %d workers left: closing the job channel ended each worker's range\n",
		restarts, workers, goodRan, goodLeft)
	return nil
}
