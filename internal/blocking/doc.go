// Package blocking tells the rules which functions can sleep, block or
// yield, and which operations in a node do. It is the building block of
// uncancellable and blockingcallback (a call that may wait), of spinloop
// (a loop body that waits or yields is not a spin) and of family 4.
//
// [Analyzer] reports nothing. It exports a [*Fact] for each exported
// function or method that may wait or yield ("mayBlock(sleep chan@2)"),
// and its result, a [*Result], answers [Result.Fact] for any function
// the package can name and [Result.Ops] / [Result.Kinds] for any node:
// the operations the goroutine running it performs there, each an [Op]
// with its [Kind], its callee and fact for a call, and the context
// whose cancellation interrupts it.
//
// # What counts
//
// The kinds are [Sleep] (time.Sleep, a receive from a timer's channel),
// [Chan] (a send, a receive, a range over a channel, a select without
// default; a select with a default case never waits), [Wait]
// (WaitGroup.Wait, Cond.Wait, errgroup's Wait, semaphore.Weighted's
// Acquire), [IO] (the network and other processes: see known for the
// list; io.Copy and file I/O do not count), [Lock] (Mutex and RWMutex
// Lock/RLock: an operation only, never carried by a fact, since nearly
// every function that touches shared state locks) and [Yield]
// (runtime.Gosched). Functions known by name are listed in known.go;
// every other function is judged by its body, where a literal counts
// when it is called on the spot (func() { ... }(), defer func() { ...
// }()) and not when it is only defined or started with go.
//
// A function with a context.Context parameter also records which of its
// waits that context interrupts ([Fact.Uncancellable]): a select with a
// case <-ctx.Done(), a receive from ctx.Done(), and calls that pass ctx
// (or a context derived from it, per ctxscope) to a callee that honours
// it. [Fact.HonoursCtx] is the helper that takes a ctx and returns on
// Done.
//
// # Bounds
//
// A wait is followed at most [MaxDepth] calls deep, within the package
// and across packages alike (the fact keeps each kind's depth). Within
// a package the facts are a fixpoint over the call graph, at most
// maxRounds rounds of one visit per call; recursion settles in it. The
// package's syntax is walked once; each imported callee's fact is read
// once. Per-node questions cost a binary search ([Result.Kinds] a few
// subtractions more), whatever the node's size.
//
// Every package is walked, even one that imports nothing that waits:
// facts must cross it, and a method promoted from a type of a package it
// does not import (s.WG.Wait() with WG a field of a type from elsewhere)
// needs no import of sync. The parts that can be skipped are skipped:
// ctxscope is asked only about functions with a context parameter whose
// waits need judging, and calls into packages with no known function
// cost one string switch.
//
// # Limits
//
// Calls through interfaces and function values are not followed (the
// callee is unknown), except for interface methods known by name
// (net.Conn's Read and Write, net.Listener's Accept, http.RoundTripper).
// A fact says a function may wait on some path, not that it always
// does. Any channel operation may wait: the capacity of a buffered
// channel is not considered. Facts are exported for exported functions
// and methods only, so a wait reached only through a package's
// unexported function value is lost at the boundary.
package blocking
