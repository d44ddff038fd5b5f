// Package corpus pins the real modules asynclint is evaluated on. It is
// its own module, so the main module's ./... does not include it;
// eval/census and eval/bench analyze every package (tests included) of the
// modules imported here, at the versions go.mod fixes.
//
// go.mod was made with go get -t on each module's packages so that their
// tests' dependencies are listed too; go mod tidy would drop those, and
// go vet could then no longer load the tests.
package corpus

import (
	_ "github.com/hashicorp/memberlist"
	_ "github.com/hashicorp/raft"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "go.etcd.io/etcd/client/v3"
	_ "google.golang.org/grpc"

	_ "github.com/IBM/sarama"
	_ "github.com/dgraph-io/badger/v4"
	_ "github.com/hashicorp/yamux"
	_ "github.com/nats-io/nats.go"
	_ "github.com/redis/go-redis/v9"
	_ "github.com/segmentio/kafka-go"
)
