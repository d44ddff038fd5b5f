// Package lostresult defines an Analyzer that reports goroutines whose error
// result nobody collects, and futures (returned channels) nobody receives.
//
// # Analyzer lostresult
//
// lostresult: report go statements that drop an error result, and dropped result channels
//
// A go statement runs a call and throws its results away. When the called
// function returns an error, that error is lost: the failure happens and
// nobody hears of it. lostresult reports go f(...) and go x.m(...) when the
// callee returns an error, including generic functions, method values,
// interface methods and functions from other packages. Literal goroutines
// (go func() { ... }()) are not reported: their body is what runs and it
// decides what to do with errors.
//
// It also reports a dropped future: a call used as a statement whose callee
// returns a channel that it made unbuffered and that a goroutine it started
// sends the outcome on, such as w.Start(ctx) returning <-chan error. Nothing
// will ever receive from it, so that goroutine blocks on its send forever.
// Writing _ = w.Start(ctx) says the drop is intended and is not reported.
// The callee's shape is known through facts, across packages; calls
// through interfaces and function values are not judged.
//
// Test code (_test.go files, and files that import testing, such as test
// helpers) is skipped unless -lostresult.tests is set: there a lost error
// surfaces as a failing or hanging test rather than as silent data loss.
//
// Not reported, because nothing is lost:
//
//   - a callee whose error result is nil on every return path, known
//     through facts, across packages;
//   - a callee that keeps its error itself: it names its error result and
//     reads it in a deferred function (defer func() { s.err = err }()), or
//     it is a method that stores the error in an error field of its
//     receiver (c.handshakeErr = err), or it returns such a call;
//   - a callee that logs its error itself: every return of a non-nil
//     error comes right after a call into a logging package (log, slog,
//     klog, zap, logrus, zerolog, hclog, logr, a project's log, logger or
//     logging package) that mentions that error, as in
//     log.Printf("sync: %v", err); return err;
//   - a Close() error method: closing in the background is a deliberate
//     fire-and-forget, and a failed close has no one to tell;
//   - (*exec.Cmd).Wait: go cmd.Wait() reaps a child process nobody waits
//     for, and its error is the child's exit status (go cmd.Run(), which
//     can fail to start the program, is still reported);
//   - an accept loop, whatever its name: a callee whose every error
//     return lies in a loop that calls an Accept method (Accept,
//     AcceptStream, ...), or in a select case that receives a bare stop
//     signal from a channel of struct{} (case <-done:, case
//     <-ctx.Done():; a timer's case is no stop), or forwards such a
//     callee's error. Its error only says the listener was closed or it
//     was told to stop. Known through facts, across packages;
//   - Serve(listener), which returns only when its listener fails or is
//     closed, which is how such servers are stopped;
//   - ServeTLS, ListenAndServe, ListenAndServeTLS, and any callee that
//     serves (it runs an accept loop, in its body or in a goroutine it
//     starts, or returns the error of one, but may also fail while it
//     sets up: miekg/dns's ActivateAndServe, webtransport's
//     ServeQUICConn) when the server is stopped on purpose: the same
//     function (directly, in a defer or in a t.Cleanup) calls Stop,
//     GracefulStop, Shutdown or Close on the server or on the listener it
//     serves, or the server has an owner beyond the function (it is a
//     struct field, or it is returned, stored or passed on). The error is
//     then only the stop signal;
//   - the polls of k8s.io/apimachinery/pkg/util/wait that run until
//     stopped (PollUntil, PollImmediateUntil, the Infinite and
//     WithContext forms, PollUntilContextCancel) with a condition that
//     never returns an error (a literal whose every return gives a nil
//     error, or a function known to): they can only fail with "stopped";
//   - in the test variant of a package, a call from a non-test file to a
//     method a _test.go file declares (a test hook standing in for the
//     real method): the package without its tests is analyzed with the
//     real callee, and judged there.
//
// A go statement with a golangci-lint directive silencing errcheck on
// its line (//nolint:errcheck, a list naming errcheck such as
// //nolint:errcheck,gosec, //nolint:all, or a bare //nolint, which
// golangci-lint reads as every linter) is not reported: a maintainer
// said there that the error is dropped on purpose. A directive for other
// linters only (//nolint:gosec) does not count, nor one on another line.
//
// A package-level go http.ListenAndServe(addr, h) that nothing stops stays
// a finding: a failed bind is lost.
//
// With -lostresult.all (beside -lostresult, which runs the rule), go
// statements dropping any result, not only an error, are reported too.
//
// # Async counterpart
//
// asyncio's documentation warns: keep a reference to the result of
// create_task, or the task may vanish and its exception is only logged
// as "Task exception was never retrieved". A goroutine is a task whose
// result cannot even be retrieved later: what go f() returns is gone.
//
// # Bad
//
//	func uploadAll(files []string) {
//		for _, f := range files {
//			go upload(f) // upload returns error; nobody sees it
//		}
//	}
//
//	func start(w *Worker, ctx context.Context) {
//		w.Start(ctx) // returns <-chan error; nobody receives
//	}
//
// # Good
//
//	func uploadAll(ctx context.Context, files []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		for _, f := range files {
//			g.Go(func() error { return upload(ctx, f) })
//		}
//		return g.Wait()
//	}
//
//	func serve(lis net.Listener) {
//		srv := grpc.NewServer()
//		defer srv.GracefulStop()
//		go srv.Serve(lis) // its error only says the server was stopped
//	}
//
// # Why it matters
//
// The failure still happens: a write is lost, a port never opens, a job is
// half done. Without the error, the caller reports success and the first
// sign of trouble comes from a user. Dropped result channels add a leak on
// top: the goroutine that wanted to report the result blocks on its send
// for the life of the process.
//
// # Fix
//
// Collect the error: errgroup.Group.Go and Wait for a group of goroutines,
// or a result channel the caller receives from (buffered, so the goroutine
// can finish when the caller has already left). Receive from a returned
// channel, or assign it to _ when the outcome really does not matter.
//
// When the error is nil by contract rather than by code (an interface
// method whose implementations never fail, for example), lostresult cannot
// know; silence the finding with a reason:
//
//	//asynclint:ignore lostresult Publish never fails on the in-memory bus
//	go bus.Publish(ev)
//
// # Limits
//
// The rule is off by default: run it with -lostresult (or name it in
// enable in the plugin's settings, enable: [lostresult]). Like every
// rule flag set to true, either form runs only the rules named, so list
// the default rules beside it to keep them. On the standard library and
// the 50-module corpus (census of 2026-11-30) it gave 9 findings: 1 real
// (a background removal of a stream directory, like os.RemoveAll, whose
// failure leaves the directory on disk, where the same removal done
// inline returns its error), 4 debatable (test proxies' forwarding loops
// and a startup cleanup retried at the next start) and 4 false
// positives: a loop whose only reachable error is the stop signal of a
// closed descriptor, a fire-and-forget API call that a comment says is
// deliberate, a Run whose error comes only from WaitForCacheSync after
// its stop channel closes (behind an interface), and a returned channel
// that nothing ever sends on. No narrower shape of it measured real, so
// it stays behind the flag. It remains useful where a team wants every
// error dropped by a go statement surfaced, and then silences the
// deliberate drops with a reason.
//
// An accept loop is recognised by a method whose name begins with Accept
// and that returns an error; every return inside such a loop counts as a
// stop signal, including a failure on one bad connection. A receive loop
// without a select stop case (for v := range ch) is not a server: a
// failure inside it is reported. "Logs its error" is judged by the
// package of the logging call (the last element of its path, without a
// /vN suffix) and needs the log call to be the statement right before
// the return; a project's logging wrapper in a package of another name
// (s.Errorf on a server type) is not recognised, nor a design that
// reports failures on another channel (a lock monitor). The poll
// exemption knows only the wait package's functions listed above. The
// server shapes are computed once per function, following "return f()"
// through memoized facts (a cycle of forwards proves nothing), and each
// function body is walked once for its accept loops however deeply they
// nest, so the cost stays linear in the package.
//
// Facts prove "always nil" only for functions whose every return statement
// returns a literal nil error, or returns a call to such a function; an
// error that is nil because of a condition is not recognised. Function
// values and interface methods have no body to inspect and are always
// reported. A server counts as owned as soon as it is a field or escapes,
// without checking that its owner really stops it. io.Copy in a proxy
// (go io.Copy(dst, src)) is reported: its error is often ignored on
// purpose, which deserves an ignore directive with the reason.
package lostresult
