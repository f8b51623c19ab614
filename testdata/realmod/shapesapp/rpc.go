package shapesapp

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/grpc"

	"realmod/shapesapp/pb"
)

// userServer serves the gRPC service of pb: its methods are known to be
// RPCs by the HandlerType of the service description in pb.
type userServer struct {
	pb.UnimplementedUserServiceServer
	db *sql.DB
}

func (s *userServer) GetUser(ctx context.Context, req *pb.GetUserRequest) (*pb.User, error) {
	u := &pb.User{Id: req.GetId()}
	err := s.db.QueryRow("SELECT name FROM users WHERE id = $1", req.GetId()).Scan(&u.Name) // want `s.db.QueryRow cannot be cancelled: .*use QueryRowContext with ctx( \(and \d+ more .*\))?$`
	return u, err
}

// Warm is a method of the server that is not an RPC: it is called at
// start-up.
func (s *userServer) Warm(ctx context.Context) error {
	time.Sleep(time.Second)
	_, err := s.db.Query("SELECT 1")
	return err
}

func serveGRPC(db *sql.DB) *grpc.Server {
	srv := grpc.NewServer()
	us := &userServer{db: db}
	us.Warm(context.Background())
	pb.RegisterUserServiceServer(srv, us)
	return srv
}

// greeter serves a Connect service: its methods take *connect.Request.
type greeter struct{ db *sql.DB }

func (g *greeter) Greet(ctx context.Context, req *connect.Request[pb.GetUserRequest]) (*connect.Response[pb.User], error) {
	time.Sleep(50 * time.Millisecond)                                                               // want `time.Sleep sleeps while the request waits: .*watches ctx.Done\(\)`
	out, err := http.NewRequest(http.MethodGet, "http://profiles/"+req.Header().Get("X-User"), nil) // want `http.NewRequest builds a request to another service that cannot be cancelled: .*use NewRequestWithContext with ctx$`
	if err != nil {
		return nil, err
	}
	_ = out
	return connect.NewResponse(&pb.User{Id: req.Msg.GetId()}), nil
}
