package blocking

import (
	"go/types"
	"strings"
)

// Functions known by name: their waits happen in the runtime, in
// assembly, or behind an interface, where no body shows them. Each
// entry is one shared fact, so a caller can tell a known function
// (depth 0) by pointer.
var (
	knownSleep     = &Fact{Kinds: Sleep, Uncancellable: Sleep, CtxParam: -1}
	knownWait      = &Fact{Kinds: Wait, Uncancellable: Wait, CtxParam: -1}
	knownWaitCtx   = &Fact{Kinds: Wait, CtxParam: 0}
	knownLock      = &Fact{Kinds: Lock, Uncancellable: Lock, CtxParam: -1}
	knownYield     = &Fact{Kinds: Yield, Uncancellable: Yield, CtxParam: -1}
	knownIO        = &Fact{Kinds: IO, Uncancellable: IO, CtxParam: -1}
	knownIOCtx     = &Fact{Kinds: IO, CtxParam: 0}
	netConnMethods = map[string]bool{
		"Read": true, "Write": true, "ReadFrom": true, "WriteTo": true,
		"ReadFromUDP": true, "ReadFromUDPAddrPort": true, "ReadMsgUDP": true, "ReadMsgUDPAddrPort": true,
		"WriteToUDP": true, "WriteToUDPAddrPort": true, "WriteMsgUDP": true, "WriteMsgUDPAddrPort": true,
		"ReadFromUnix": true, "ReadMsgUnix": true, "WriteToUnix": true, "WriteMsgUnix": true,
		"ReadFromIP": true, "WriteToIP": true, "ReadMsgIP": true, "WriteMsgIP": true,
		"Accept": true, "AcceptTCP": true, "AcceptUnix": true,
	}
	sqlMethods = map[string]*Fact{
		"Query": knownIO, "QueryRow": knownIO, "Exec": knownIO, "Ping": knownIO, "Begin": knownIO,
		"Prepare": knownIO, "Commit": knownIO, "Rollback": knownIO, "Conn": knownIOCtx,
		"QueryContext": knownIOCtx, "QueryRowContext": knownIOCtx, "ExecContext": knownIOCtx,
		"PingContext": knownIOCtx, "BeginTx": knownIOCtx, "PrepareContext": knownIOCtx,
	}
)

// known returns the fact of a function known by name, or nil.
//
// What counts: time.Sleep; sync.WaitGroup.Wait, sync.Cond.Wait,
// errgroup.Group.Wait, semaphore.Weighted.Acquire (which honours its
// ctx); sync.Mutex.Lock and RWMutex.Lock/RLock (Lock); runtime.Gosched
// (Yield); and waits on the network or another process (IO): the Read,
// Write and Accept methods of package net's connections and listeners
// (net.Conn and net.Listener included), net.Dial* and the Lookup*
// functions, net/http's Get, Head, Post, PostForm, Client methods,
// Transport.RoundTrip and the servers' Serve and ListenAndServe,
// os/exec's Cmd.Run, Wait, Output and CombinedOutput, os.Process.Wait,
// and database/sql's queries, execs, pings, transactions and prepares on
// DB, Conn, Tx and Stmt. The *Context variants honour their ctx.
//
// What does not: io.Copy, io.ReadAll, bufio and os.File reads and
// writes, which wait only as long as the reader they are given (an
// in-memory buffer does not wait at all); the blocking call inside shows
// through facts when it is one of the above and is within reach.
func known(fn *types.Func) *Fact {
	if fn.Pkg() == nil {
		return nil
	}
	var name, recv string
	switch path := fn.Pkg().Path(); path {
	case "time", "sync", "runtime", "golang.org/x/sync/errgroup", "golang.org/x/sync/semaphore",
		"net", "net/http", "os/exec", "os", "database/sql":
		name, recv = fn.Name(), recvName(fn) // only for the packages below
	default:
		return nil
	}
	switch fn.Pkg().Path() {
	case "time":
		if recv == "" && name == "Sleep" {
			return knownSleep
		}
	case "sync":
		switch {
		case (recv == "WaitGroup" || recv == "Cond") && name == "Wait":
			return knownWait
		case (recv == "Mutex" || recv == "RWMutex") && (name == "Lock" || name == "RLock"):
			return knownLock
		case recv == "Locker" && name == "Lock":
			return knownLock
		}
	case "runtime":
		if recv == "" && name == "Gosched" {
			return knownYield
		}
	case "golang.org/x/sync/errgroup":
		if recv == "Group" && name == "Wait" {
			return knownWait
		}
	case "golang.org/x/sync/semaphore":
		if recv == "Weighted" && name == "Acquire" {
			return knownWaitCtx
		}
	case "net":
		switch {
		case recv == "" && (strings.HasPrefix(name, "Dial") || strings.HasPrefix(name, "Lookup")):
			return knownIO
		case recv == "Dialer" && name == "Dial":
			return knownIO
		case recv == "Dialer" && name == "DialContext", recv == "Resolver" && strings.HasPrefix(name, "Lookup"):
			return knownIOCtx
		case recv != "" && recv != "Buffers" && netConnMethods[name]:
			return knownIO
		}
	case "net/http":
		switch {
		case recv == "" && (name == "Get" || name == "Head" || name == "Post" || name == "PostForm" ||
			name == "ListenAndServe" || name == "ListenAndServeTLS" || name == "Serve" || name == "ServeTLS"):
			return knownIO
		case recv == "Client" && (name == "Do" || name == "Get" || name == "Head" || name == "Post" || name == "PostForm"):
			return knownIO
		case (recv == "Transport" || recv == "RoundTripper") && name == "RoundTrip":
			return knownIO
		case recv == "Server" && (name == "ListenAndServe" || name == "ListenAndServeTLS" || name == "Serve" || name == "ServeTLS"):
			return knownIO
		}
	case "os/exec":
		if recv == "Cmd" && (name == "Run" || name == "Wait" || name == "Output" || name == "CombinedOutput") {
			return knownIO
		}
	case "os":
		if recv == "Process" && name == "Wait" {
			return knownIO
		}
	case "database/sql":
		if recv == "DB" || recv == "Conn" || recv == "Tx" || recv == "Stmt" {
			return sqlMethods[name]
		}
	}
	return nil
}

// recvName returns the name of fn's receiver type (through a pointer),
// or "" for a function.
func recvName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	t := recv.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj().Name()
	}
	return ""
}
