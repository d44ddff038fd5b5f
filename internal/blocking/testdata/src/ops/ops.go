// Package ops holds the fixtures of blocking's per-node query: the
// probe analyzer of blocking_test reports the operations in each loop
// body.
package ops

import (
	"context"
	"runtime"
	"sync"
	"time"
)

func sleepy() { time.Sleep(1) }

func sleepier() { sleepy() }

func honours(ctx context.Context, ch chan int) {
	select {
	case <-ctx.Done():
	case <-ch:
	}
}

func compute(n int) int { return n * 2 }

func loops(ctx context.Context, ch chan int, mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ { // want `ops=\[\] kinds=$`
		compute(i)
	}
	for { // want `ops=\[Sleep\(sleep\) sleepy\(sleep@1\) sleepier\(sleep@2\)\] kinds=sleep`
		time.Sleep(1)
		sleepy()
		sleepier()
	}
	for range n { // want `ops=\[honours\(chan@1 done=ctx\) send\(chan\) recv\(chan done=ctx\)\] kinds=chan`
		honours(ctx, ch)
		ch <- 1
		<-ctx.Done()
	}
	for { // want `ops=\[select\(sleep chan done=ctx\)\] kinds=sleep chan`
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		case ch <- 1:
		}
	}
	for { // want `ops=\[Lock\(lock\) Gosched\(yield\)\] kinds=lock yield`
		mu.Lock()
		mu.Unlock()
		runtime.Gosched()
	}
	for { // want `ops=\[\] kinds=$`
		// A select with default does not wait; its receive is not listed apart.
		select {
		case <-ch:
		default:
		}
		// Started or only defined: another goroutine's work, or none yet.
		go sleepy()
		go func() { ch <- 1 }()
		f := func() { time.Sleep(1) }
		_ = f
	}
	for { // want `ops=\[Sleep\(sleep\) recv\(chan\)\] kinds=sleep chan`
		// Called on the spot: this goroutine waits; a go statement's
		// arguments are evaluated here.
		func() { time.Sleep(1) }()
		go compute(<-ch)
	}
	for range ch { // want `ops=\[range\(chan\) send\(chan\)\] kinds=chan`
		// The inner loop's operations are the outer body's too.
		for range ch { // want `ops=\[send\(chan\)\] kinds=chan`
			ch <- 1
		}
	}
}

// Inside a literal, the literal's goroutine is the one asked about.
func inLiteral(ch chan int) {
	go func() {
		for { // want `ops=\[recv\(chan\)\] kinds=chan`
			<-ch
		}
	}()
}
