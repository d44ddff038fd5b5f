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
// (for i := 0; i < len(xs); i++), iterates while a call succeeds
// (for sc.Scan()), or is a for { } that receives from a channel.
//
// By default the input must be one the function was handed by its
// caller: a parameter (a slice of one, a local copied from one,
// maps.Keys or slices.Values of one, a channel or scanner passed in).
// Loops over what the program holds itself (its receiver's fields,
// package state, locals it built, the results of calls) are reported
// with -unboundedgo.all; see "Where the line is drawn".
//
// Not reported:
//
//   - loops of fixed size: over a composite literal, range 4, an array,
//     a local that only ever holds a literal, up to a constant or to
//     runtime.GOMAXPROCS(0) or runtime.NumCPU();
//   - loops that start n alike goroutines (for i := 0; i < n; i++,
//     for i := range n, or a range over a slice the function made with
//     make([]T, n)): a pool of n workers, sized on purpose; n being a
//     length (len(xs), or a variable holding one) makes it a loop over
//     the items of xs again;
//   - loops over a slice of functions (hooks, registered tasks): their
//     number is set by the program, not by its input;
//   - loops over a ticker's or timer's channel: one start per tick;
//   - worker pools: the goroutines drain one channel that every
//     iteration shares (go worker(jobs), go func() { for j := range jobs
//     { ... } }(), a method that ranges over its receiver's queue); what
//     the function does with its parameters and receiver is known across
//     packages through facts;
//   - a semaphore acquired before the work: a send on a buffered channel
//     that is also received from with the value thrown away (the
//     release), before the go statement in the iteration or inside the
//     goroutine (sem <- struct{}{} or a select case sending on sem), or
//     semaphore.Weighted's Acquire or TryAcquire, or a method of an
//     interface with their shape (Acquire(ctx, n) error, TryAcquire(n)
//     bool: a project's Limiter in front of one); also through a call of
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
//   - server accept loops: a loop that calls a method named Accept...
//     with an error result, or receives connections (values with the
//     methods of a net.Conn) from a channel, and starts a goroutine per
//     connection, unless -unboundedgo.accept is set;
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
// inputs that are small by construction. unboundedgo keeps both
// objections. It exempts every loop whose size the code fixes
// (literals, arrays, constants, GOMAXPROCS), every pool of n alike
// goroutines, every goroutine that drains a shared channel, every
// limiter it can see, and accept loops. And by default it reports only
// fan-out over data the function is handed by its caller, whose size it
// cannot know: the batch API that takes a slice of keys, the helper that
// takes a channel of jobs. Loops over what the program holds itself are
// mostly over its own topology (cluster nodes, shards, brokers,
// partitions, listeners, open watchers), bounded by the deployment
// rather than by the data; on real code they were nearly all judged not
// worth fixing, so they are reported only with -unboundedgo.all.
//
// # Limits
//
// The rule is off by default: run it with -unboundedgo (or enable it in
// the plugin's settings). On the standard library and the 50-module
// corpus it gave 14 findings: 2 real (go-redis's fan-out over the hash
// slots of a caller's keys, go/internal/srcimporter's goroutine per
// file), 3 debatable and 9 false positives. The false positives were
// variadic lists of the program's own objects (informers,
// subscriptions, connections dialled by a test harness), inputs whose
// callers bound them (kubectl checks the count against a flag), a
// channel pre-filled with tokens used as a semaphore, and one goroutine
// per partition or cluster node by design. Until those shapes are told
// apart it stays behind the flag.
//
// The analysis is syntactic within a function: a limiter counts when it
// appears before the go statement in the iteration, on whatever branch;
// a semaphore is recognized by its release (a receive that discards the
// value) somewhere in the package. Limits kept elsewhere are not seen: a
// group or semaphore handed in is presumed limited, and a pool of
// goroutines that takes work from a mutex-guarded queue is not
// recognized as one. A counted loop up to n that picks item i
// (out[i] = f(i)) is taken for a pool unless n is a length. A parameter
// that holds cluster nodes is reported like one that holds data. Facts
// are computed once per function (a memoized walk of the calls, linear
// in the package's size); a recursive call counts as not acquiring.
// Following a local back to a parameter stops after 4 assignments
// (maxResolve). Every other walk visits each loop, statement list and
// function once.
package unboundedgo
