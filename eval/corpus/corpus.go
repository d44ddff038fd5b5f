// Package corpus pins the real modules asynclint is evaluated on. It is
// its own module, so the main module's ./... does not include it; eval/run
// analyzes the packages these imports name, at the versions go.mod fixes.
package corpus

import (
	_ "github.com/hashicorp/memberlist"
	_ "github.com/hashicorp/raft"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "go.etcd.io/etcd/client/v3"
	_ "google.golang.org/grpc"
)
