// Package unboundedgo defines an Analyzer that reports goroutines started
// once per input item with nothing to bound how many run at once.
//
// # Analyzer unboundedgo
//
// unboundedgo: report goroutines started for every item of an input with no limit on how many run at once
//
// A go statement, errgroup.Group.Go on a group without SetLimit, or
// sync.WaitGroup.Go, inside a loop whose trip count depends on input,
// with nothing on the way that bounds how many of the goroutines run at
// once. A thousand items start a thousand goroutines, and with them a
// thousand connections, files or requests to the same backend.
//
// A loop's trip count depends on input when it ranges over a slice, map,
// channel or iterator function (not over a composite literal, nor a
// variable that only ever holds one), counts up to a length
// (for i := 0; i < len(xs); i++) or counts with an index it uses to pick
// an item (xs[i]), iterates while a call succeeds (for sc.Scan()), or is
// a for { } that receives from a channel.
//
// Not reported:
//
//   - loops of fixed size: over a composite literal, range 4, an array,
//     a local that only ever holds a literal, up to a constant or to
//     runtime.GOMAXPROCS(0) or runtime.NumCPU();
//   - loops that start n alike goroutines (for i := 0; i < n; i++ that
//     picks no item by i): a pool of n workers, sized on purpose;
//   - worker pools: the goroutines drain one channel that every
//     iteration shares (go worker(jobs), go func() { for j := range jobs
//     { ... } }(), a method that ranges over its receiver's queue); what
//     the function does with its parameters and receiver is known across
//     packages through facts;
//   - a semaphore acquired before the work: a send on a buffered channel
//     that is also received from with the value thrown away (the
//     release), before the go statement in the iteration or inside the
//     goroutine (sem <- struct{}{} or a select case sending on sem), or
//     semaphore.Weighted's Acquire or TryAcquire; also through a call of
//     a function that acquires one on a semaphore it keeps (a field, a
//     parameter, a package variable), known through facts;
//   - errgroup.Group.Go on a group whose SetLimit is called before it in
//     the same function, and on groups handed in (a parameter, a field):
//     their limit is set where they are made;
//   - iterations that wait before the next one starts: a receive, a
//     select without default, wg.Wait or g.Wait after the go statement in
//     the same iteration (every tenth iteration waiting for a batch
//     counts), or a loop that returns or breaks right after it;
//   - iterations paced by time.Sleep, a ticker or timer channel, or
//     golang.org/x/time/rate's Limiter.Wait;
//   - server accept loops: a loop that calls a method named Accept... with
//     an error result and starts a goroutine per connection, unless
//     -unboundedgo.accept is set;
//   - test code (_test.go files and files that import testing), unless
//     -unboundedgo.tests is set: a test's inputs are its own.
//
// # Async counterpart
//
// asyncio.gather(*(fetch(u) for u in urls)) over a thousand URLs opens a
// thousand connections at once; the remedy in asyncio is a
// Semaphore(10) that every task acquires, or a TaskGroup fed by a bounded
// Queue so that the producer waits when the consumers fall behind. Go
// offers the same tools: errgroup.SetLimit, a buffered channel used as a
// semaphore, semaphore.Weighted, and a pool of workers draining a
// channel.
//
// # Bad
//
//	func fetchAll(ctx context.Context, urls []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) }) // one goroutine, one connection per URL
//		}
//		return g.Wait()
//	}
//
// # Good
//
//	const maxFetches = 10
//
//	func fetchAll(ctx context.Context, urls []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		g.SetLimit(maxFetches) // g.Go blocks while 10 are running
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		return g.Wait()
//	}
//
// # Why it matters
//
// Goroutines are cheap, what they hold is not. Unbounded fan-out turns
// input size into resource use: file descriptors run out, the backend
// sees a thousand simultaneous requests and starts rejecting them,
// memory grows with every in-flight buffer, and the scheduler spends its
// time switching between goroutines that all wait on the same resource.
// It works in tests with ten items and fails in production with ten
// thousand. A limit also gives backpressure: the loop stops reading
// input while the workers are busy.
//
// # Fix
//
// With errgroup, call g.SetLimit(n) right after making the group; the
// suggested fix does that, with a named constant to tune
// (runtime.GOMAXPROCS(0) suits CPU-bound work). Otherwise acquire a
// slot of a buffered channel before starting each goroutine and release
// it when the goroutine ends, or start a fixed number of workers that
// drain a channel the loop feeds:
//
//	sem := make(chan struct{}, 10)
//	for _, u := range urls {
//		sem <- struct{}{} // waits while 10 are running
//		go func() {
//			defer func() { <-sem }()
//			fetch(u)
//		}()
//	}
//
// # Where the line is drawn
//
// A check for goroutines started in loops was declined for go vet
// (golang/go#36484): worker pools are fine, and many loops run over
// inputs that are small by construction. unboundedgo draws its line so
// that what remains is a fan-out over data: it exempts every loop whose
// size the code fixes (literals, arrays, constants, GOMAXPROCS), every
// counted loop that does not pick an item by its index (a pool of n
// workers), every goroutine that drains a shared channel (a worker
// pool), every limiter it can see, and accept loops; it reports the
// rest, where the number of goroutines follows the number of items.
//
// # Limits
//
// The analysis is syntactic within a function: a limiter counts when it
// appears before the go statement in the iteration, on whatever branch;
// a semaphore is recognized by its release (a receive that discards the
// value) somewhere in the package. Limits kept elsewhere are not seen: a
// group or semaphore handed in is presumed limited, a pool of goroutines
// that takes work from a mutex-guarded queue is not recognized as one,
// and input that is small by contract (a handful of listeners, a
// cluster's peers) is reported like any other slice. Facts are computed
// once per function (a memoized walk of the calls, linear in the
// package's size); a recursive call counts as not acquiring.
package unboundedgo
