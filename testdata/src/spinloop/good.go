package spinloop

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"spinloop/dep"
)

// ok: the loop yields every round.
func pollWithGosched(ready *atomic.Bool) {
	for !ready.Load() {
		runtime.Gosched()
	}
}

// ok: the loop sleeps every round (a poll with a period).
func pollWithSleep(ready *atomic.Bool) {
	for !ready.Load() {
		time.Sleep(time.Millisecond)
	}
}

// ok: the CAS retry loop, the lock-free idiom: the CAS fails only when
// another goroutine made progress, and each round starts from its value.
func casRetry(n *atomic.Int64) {
	for {
		old := n.Load()
		if n.CompareAndSwap(old, old*2+1) {
			return
		}
	}
}

var counter int64

// ok: the same retry with the sync/atomic functions.
func casRetryFuncs() {
	for {
		old := atomic.LoadInt64(&counter)
		if atomic.CompareAndSwapInt64(&counter, old, old+1) {
			break
		}
	}
}

// ok: the select only checks for cancellation; every round does real work.
func workUntilCancelled(ctx context.Context, work func()) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		work()
	}
}

// ok: a non-blocking drain followed by processing every round.
func drainThenProcess(in chan int, flush func([]int) bool) {
	var batch []int
	for {
		select {
		case v := <-in:
			batch = append(batch, v)
			continue
		default:
		}
		if flush(batch) {
			return
		}
		batch = batch[:0]
	}
}

// ok: the loop calls a function of another package that sleeps
// (blocking's fact).
func crossPackageBlocks(f *dep.Flag) {
	for !f.IsSet() {
		dep.Pause()
	}
}

// ok: the loop calls a function of another package that yields.
func crossPackageYields(f *dep.Flag) {
	for !f.IsSet() {
		dep.Yield()
	}
}

// ok: a bounded spin: the counter ends it after a few rounds.
func boundedSpin(ready *atomic.Bool) bool {
	for i := 0; i < 100 && !ready.Load(); i++ {
	}
	return ready.Load()
}

// ok: a bounded spin with the bound in the body.
func boundedSpinBody(ready *atomic.Bool) bool {
	spins := 0
	for !ready.Load() {
		spins++
		if spins > 1000 {
			return false
		}
	}
	return true
}

type guarded struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

// ok: the condition-variable wait, the fix for a spin.
func condWait(g *guarded) {
	g.mu.Lock()
	for !g.ready {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// ok: a receive blocks every round.
func waitForTicks(tick <-chan time.Time, ready *atomic.Bool) {
	for !ready.Load() {
		<-tick
	}
}

// ok: the select has no default, so it blocks.
func blockingSelect(a <-chan int, stop <-chan struct{}) (sum int) {
	for {
		select {
		case v := <-a:
			sum += v
		case <-stop:
			return sum
		}
	}
}

// ok: the default yields.
func selectDefaultYields(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			runtime.Gosched()
		}
	}
}

// ok: the default does the work.
func selectDefaultWorks(stop <-chan struct{}, work func()) {
	for {
		select {
		case <-stop:
			return
		default:
			work()
		}
	}
}

// ok: a computation over locals, not a wait for another goroutine.
func halve(x int) int {
	for x > 1 {
		x /= 2
	}
	return x
}

type node struct{ next *node }

// ok: walking a list advances the cursor.
func last(head *node) *node {
	n := head
	for ; n.next != nil; n = n.next {
	}
	return n
}

// ok: a deliberate busy delay: the exit is the clock, not another
// goroutine.
func busyDelay(d time.Duration) {
	start := time.Now()
	for time.Since(start) < d {
	}
}

// ok: the call advances a cursor (it writes state), it does not poll.
func advance() int {
	p := 0
	for dep.Next(&p) {
	}
	return p
}

type queue struct{ n int }

// ok: the body changes the state the condition reads.
func drainCount(q *queue) {
	for q.n > 0 {
		q.n--
	}
}

// ok: a worker that checks a stop flag between units of work.
func workerWithStopFlag(stop *atomic.Bool, work func()) {
	for !stop.Load() {
		work()
	}
}

// ok: the local is never shared: the loop does not wait for anyone.
func localOnly() int {
	n := 10
	for n > 0 {
		n -= 3
	}
	return n
}

// ok: a select with default that only runs once.
func pollOnce(ch chan int) (int, bool) {
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

type table struct{ names []string }

// ok: a binary search: the loop advances lo and hi through m.
func search(t *table, name string) int {
	lo, hi := 0, len(t.names)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.names[m] == name {
			return m
		}
		if t.names[m] < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return -1
}

type special struct{ next *special }

// ok: walking a list through a pointer to the link.
func lastLink(head **special) **special {
	iter := head
	for {
		s := *iter
		if s == nil {
			break
		}
		iter = &s.next
	}
	return iter
}

// ok: a non-blocking drain that ends when nothing is ready: the default
// sets the flag the loop's condition tests (client-go's delaying queue).
func drainWithAFlag(in <-chan int) (sum int) {
	drained := false
	for !drained {
		select {
		case v := <-in:
			sum += v
		default:
			drained = true
		}
	}
	return sum
}

// ok: the same drain, its flag tested by an if that breaks.
func drainWithAFlagAndBreak(in <-chan int) (sum int) {
	for {
		empty := false
		select {
		case v := <-in:
			sum += v
		default:
			empty = true
		}
		if empty {
			break
		}
	}
	return sum
}
