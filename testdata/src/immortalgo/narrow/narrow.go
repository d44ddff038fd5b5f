// Package narrow holds the shapes immortalgo reports by default, loops
// that miss the stop they were meant to have, beside the loops with no
// stop at all that only -immortalgo.noexit reports (each marked
// "ok: needs -immortalgo.noexit"; TestNoExitRestores checks the flag
// brings every one of them back).
package narrow

import (
	"context"
	"time"

	"immortalgo/dep"
)

func work() {}

type Worker struct {
	jobs chan func()
	wake chan struct{}
	quit chan struct{}
}

func NewWorker() *Worker {
	return &Worker{jobs: make(chan func()), wake: make(chan struct{}, 1), quit: make(chan struct{})}
}

// Close closes quit: quit is a stop signal.
func (w *Worker) Close() { close(w.quit) }

// Nudge sends on wake, which nobody closes: wake is no stop signal.
func (w *Worker) Nudge() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// --- Reported by default: the loop misses its stop. ---

func (w *Worker) breakLeavesSelect() { // want breakLeavesSelect:"neverReturns, missedStop"
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
	go w.breakLeavesSelect() // want `goroutine running w.breakLeavesSelect can never stop: its loop has no exit \(break in a select or switch leaves only that statement\); return there, or break with a label on the loop`
}

// The shape of natscli's reporters: ctx.Done() stops the ticker but does
// not return, so after cancel the loop spins on the closed channel.
func tickerStoppedNotLeft(ctx context.Context) {
	go func() { // want `goroutine can never stop: its loop has no exit; select on ctx.Done\(\) or a quit channel and return`
		t := time.NewTicker(time.Second)
		for {
			select {
			case <-t.C:
				work()
			case <-ctx.Done():
				t.Stop()
			}
		}
	}()
}

// quit is closed by Close: receiving it without leaving misses the stop.
func (w *Worker) quitCaseNoReturn() { // want quitCaseNoReturn:"neverReturns, missedStop"
	for {
		select {
		case job := <-w.jobs:
			job()
		case <-w.quit:
			w.jobs = nil
		}
	}
}

func startQuitCaseNoReturn(w *Worker) {
	go w.quitCaseNoReturn() // want `goroutine running w.quitCaseNoReturn can never stop: its loop has no exit`
}

// A local done channel that the function closes, polled and ignored.
func pollDoneIgnored() {
	done := make(chan struct{})
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			work()
			select {
			case <-done:
			default:
			}
		}
	}()
	close(done)
}

// A plain receive from ctx.Done() in the loop: it waits for the end, then
// goes round again.
func plainDoneReceive(ctx context.Context) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			<-ctx.Done()
			work()
		}
	}()
}

// The stop is watched in an inner loop that breaks only itself: the outer
// loop starts it again.
func innerLoopLeaves(ctx context.Context, in <-chan int) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
		wait:
			for {
				select {
				case <-ctx.Done():
					break wait
				case v := <-in:
					_ = v
				}
			}
			work()
		}
	}()
}

// Stop does not close a ticker's channel: the range never ends.
func rangeTickerC() {
	t := time.NewTicker(time.Second)
	go func() { // want `goroutine can never stop: it ranges over a ticker's channel, which is never closed; select on the ticker and on ctx.Done\(\) or a quit channel, and return`
		for range t.C {
			work()
		}
	}()
	t.Stop()
}

// Through a call, and through a fact from another package.
func throughCalls(w *Worker) {
	go func() { w.breakLeavesSelect() }() // want `goroutine can never stop: it calls w.breakLeavesSelect, which never returns; return there, or break with a label on the loop`
	go dep.Heartbeat(work)                // want `goroutine running dep.Heartbeat can never stop: it ranges over time.Tick's channel, which is never closed`
}

type Queue[T any] struct {
	items chan T
	quit  chan struct{}
}

func (q *Queue[T]) Close() { close(q.quit) }

func (q *Queue[T]) pump(sink func(T)) { // want pump:"neverReturns, missedStop"
	for {
		select {
		case v := <-q.items:
			sink(v)
		case <-q.quit:
			sink(*new(T))
		}
	}
}

// A field of a generic type is the same field in every instance.
func genericQuit(q *Queue[int]) {
	go q.pump(func(int) {}) // want `goroutine running q.pump can never stop`
}

// --- Not reported by default: the loop has no stop at all. ---

func (w *Worker) loop() { // want loop:"^neverReturns$"
	for {
		job := <-w.jobs
		job()
	}
}

func startLoop(w *Worker) {
	go w.loop() // ok: needs -immortalgo.noexit: a worker with no stop at all
}

func literalCallsLoop(w *Worker) {
	go func() { w.loop() }() // ok: needs -immortalgo.noexit: the callee's loop has no stop at all
}

// A sampler with nothing to stop it: the shape of process-lifetime
// metrics loops, started once per process by code the rule cannot see.
func sampler(w *Worker) {
	go func() { // ok: needs -immortalgo.noexit: a ticker loop with no stop
		t := time.NewTicker(time.Second)
		for {
			select {
			case <-t.C:
				w.Nudge()
			}
		}
	}()
}

// wake is only ever sent to: waiting on it is no stop.
func (w *Worker) wakeLoop() { // want wakeLoop:"^neverReturns$"
	for {
		<-w.wake
		work()
	}
}

func startWakeLoop(w *Worker) {
	go w.wakeLoop() // ok: needs -immortalgo.noexit: wake is never closed, a wake-up and no stop
}

// done is closed (if at all) by code outside the package: not seen as a
// stop signal.
func doneFromCaller(done <-chan struct{}) {
	go func() { // ok: needs -immortalgo.noexit: no code of this package closes done
		for {
			select {
			case <-done:
				work()
			default:
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

// --- Correct: not reported even with the flag. ---

// ok: returns on ctx.Done().
func tickerReturns(ctx context.Context) {
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

// ok: the labeled break leaves the loop.
func (w *Worker) labeledBreak() {
loop:
	for {
		select {
		case <-w.quit:
			break loop
		case job := <-w.jobs:
			job()
		}
	}
}

func startLabeledBreak(w *Worker) {
	go w.labeledBreak()
}
