package unboundedgo

import (
	"context"
	"net"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"

	"unboundedgo/dep"
)

func literalList() {
	for _, u := range []string{"a", "b", "c"} {
		go fetch(u) // ok: three items, fixed by the code
	}
}

func rangeOverConstant() {
	for i := range 4 {
		go fetch(string(rune('a' + i))) // ok: range 4
	}
}

func arrayType(hosts [8]string) {
	for _, h := range hosts {
		go fetch(h) // ok: an array's length is part of its type
	}
}

func tableOfCases() {
	cases := []struct{ in string }{{"a"}, {"b"}}
	for _, c := range cases {
		go fetch(c.in) // ok: a local that only ever holds a literal
	}
}

func gomaxprocsWorkers(jobs <-chan string) {
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() { // ok: one worker per CPU
			defer wg.Done()
			for j := range jobs {
				handle(j)
			}
		}()
	}
	wg.Wait()
}

func configuredWorkers(n int, jobs <-chan string) {
	for i := 0; i < n; i++ {
		go dep.Worker(i, jobs) // ok: n alike workers, a pool; the loop picks no item
	}
}

// The loop is over names, but every goroutine drains the one jobs
// channel: a pool with one worker per name.
func workerPoolOverInput(names []string, jobs chan string) {
	for _, name := range names {
		go func() { // ok: workers that share jobs
			for j := range jobs {
				_ = name + j
			}
		}()
	}
}

func workerPoolByParameter(names []string, jobs chan string) {
	for _, name := range names {
		go func(in <-chan string) { // ok: the shared channel is handed in
			for j := range in {
				_ = name + j
			}
		}(jobs)
	}
}

func namedWorkerPool(shards []string, jobs chan string) {
	for i := range shards {
		go dep.Worker(i, jobs) // ok: dep.Worker drains jobs (facts)
	}
}

func methodWorkerPool(shards []string, p *dep.Pool) {
	for range shards {
		go p.Run() // ok: every Run drains p's one queue (facts)
	}
}

func semaphoreBeforeGo(urls []string) {
	sem := make(chan struct{}, 10)
	for _, u := range urls {
		sem <- struct{}{}
		go func() { // ok: sem caps the goroutines at 10
			defer func() { <-sem }()
			fetch(u)
		}()
	}
}

func semaphoreInsideGoroutine(urls []string) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 10)
	for _, u := range urls {
		wg.Add(1)
		go func() { // ok: the work waits for a slot
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			fetch(u)
		}()
	}
	wg.Wait()
}

func semaphoreInSelect(ctx context.Context, urls []string) error {
	sem := make(chan struct{}, 10)
	for _, u := range urls {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		go func() { // ok: acquired in a select with ctx.Done()
			defer func() { <-sem }()
			fetch(u)
		}()
	}
	return nil
}

func weightedBeforeGo(ctx context.Context, urls []string) error {
	sem := semaphore.NewWeighted(10)
	for _, u := range urls {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func() { // ok: semaphore.Weighted
			defer sem.Release(1)
			fetch(u)
		}()
	}
	return nil
}

func weightedInsideGoroutine(ctx context.Context, urls []string) {
	sem := semaphore.NewWeighted(10)
	for _, u := range urls {
		go func() { // ok: acquired before the work
			if err := sem.Acquire(ctx, 1); err != nil {
				return
			}
			defer sem.Release(1)
			fetch(u)
		}()
	}
}

func errgroupWithLimit(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(10)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // ok: SetLimit before the loop
	}
	return g.Wait()
}

func errgroupLimitSetEarlier(urls [][]string) error {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, batch := range urls {
		for _, u := range batch {
			g.Go(func() error { return fetch(u) }) // ok: the limit holds for every loop after it
		}
	}
	return g.Wait()
}

func errgroupHandedIn(g *errgroup.Group, urls []string) {
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // ok: the caller owns g and its limit
	}
}

type limiter struct{ slots chan struct{} }

func (l *limiter) acquire() { l.slots <- struct{}{} } // want acquire:"acquiresLimiter"
func (l *limiter) release() { <-l.slots }

func limiterInCalledFunction(l *limiter, urls []string) {
	for _, u := range urls {
		l.acquire()
		go func() { // ok: l.acquire takes a slot (facts)
			defer l.release()
			fetch(u)
		}()
	}
}

func limiterInOtherPackage(urls []string) {
	for _, u := range urls {
		dep.Acquire()
		go func() { // ok: dep.Acquire takes a slot (facts)
			defer dep.Release()
			fetch(u)
		}()
	}
}

func calleeAcquires(urls []string) {
	for _, u := range urls {
		go dep.FetchLimited(u) // ok: the goroutine takes a slot before it fetches (facts)
	}
}

func poolEnter(ctx context.Context, p *dep.Pool, urls []string) {
	for _, u := range urls {
		if p.Enter(ctx) != nil {
			return
		}
		go func() { // ok: p.Enter acquires (facts, through a method)
			defer p.Leave()
			fetch(u)
		}()
	}
}

func acceptLoop(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go serveConn(conn) // ok: an accept loop (see -unboundedgo.accept)
	}
}

func serveConn(c net.Conn) { c.Close() }

func joinedEachIteration(urls []string) {
	for _, u := range urls {
		done := make(chan struct{})
		go func() { // ok: the iteration waits for it
			defer close(done)
			fetch(u)
		}()
		select {
		case <-done:
		case <-time.After(time.Second):
		}
	}
}

func batchesOfTen(urls []string) {
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() { // ok: every tenth iteration waits for the batch
			defer wg.Done()
			fetch(u)
		}()
		if i%10 == 9 {
			wg.Wait()
		}
	}
	wg.Wait()
}

func startsOne(urls []string) {
	for _, u := range urls {
		if u != "" {
			go fetch(u) // ok: the loop ends once it has started one
			return
		}
	}
}

func sleepThrottle(urls []string) {
	for _, u := range urls {
		go fetch(u) // ok: one start per 10ms
		time.Sleep(10 * time.Millisecond)
	}
}

func rateLimited(ctx context.Context, lim *rate.Limiter, urls []string) {
	for _, u := range urls {
		if lim.Wait(ctx) != nil {
			return
		}
		go fetch(u) // ok: a rate limiter paces the starts
	}
}

func tickerLoop(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			go fetch("poll") // ok: one per tick, not one per input item
		case <-ctx.Done():
			return
		}
	}
}

type worker struct{ id int }

func (w *worker) run() {}

func workersMadeHere(n int) {
	workers := make([]*worker, n)
	for i := range workers {
		workers[i] = &worker{id: i}
	}
	for i := range workers {
		go workers[i].run() // ok: n workers the function made, a pool
	}
}

type hooks struct{ onStop []func() }

func (h *hooks) stop() {
	for _, f := range h.onStop {
		go f() // ok: hooks the program registered, not data
	}
}

func rangeOverTicker(t *time.Ticker) {
	for range t.C {
		go fetch("poll") // ok: one per tick
	}
}

// A counted loop up to n is taken for a pool of n workers even when it
// picks item i: only a length (len(xs)) makes it a loop over items. A
// known gap, for precision (see Limits).
func countedUpToParameter(n int, out []int) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { // ok: not reported, n may be a worker count
			defer wg.Done()
			out[i] = i * i
		}()
	}
	wg.Wait()
}

func throttleInRetryLoop(t *dep.Throttle, urls []string) error {
	for _, u := range urls {
		if err := t.Do(); err != nil {
			return err
		}
		go func() { // ok: Do takes a slot, in a retry loop (facts)
			defer t.Done()
			fetch(u)
		}()
	}
	return nil
}

func workerInAVariable(names []string, jobs chan string) {
	worker := func() {
		for j := range jobs {
			handle(j)
		}
	}
	for range names {
		go worker() // ok: worker drains the shared jobs channel
	}
}

// Limiter hides an optional semaphore, as containerd's unpack.Limiter does.
type Limiter interface {
	Acquire(ctx context.Context, n int64) error
	Release(n int64)
}

type unpacker struct{ limiter Limiter }

func (u *unpacker) acquire(ctx context.Context, l Limiter) error { // want acquire:"acquiresLimiter"
	if l == nil {
		return nil
	}
	return l.Acquire(ctx, 1)
}

func (u *unpacker) release(l Limiter) {
	if l != nil {
		l.Release(1)
	}
}

func limiterBehindAnInterface(ctx context.Context, u *unpacker, layers []string) error {
	var eg errgroup.Group
	for _, layer := range layers {
		if err := u.acquire(ctx, u.limiter); err != nil {
			return err
		}
		eg.Go(func() error { // ok: u.acquire takes a slot of the limiter first
			defer u.release(u.limiter)
			return fetch(layer)
		})
	}
	return eg.Wait()
}
