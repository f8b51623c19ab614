// Package restore migrates repositories through a downloader, as gitea
// does: the remote one sends requests built without the request's
// context, the dump one reads from disk. What the shared migrate does is
// what the downloader its caller hands it does.
package restore

import (
	"context"
	"net/http"
	"os"
)

type Downloader interface {
	GetRepoInfo(ctx context.Context) (string, error)
}

type Remote struct{ url string }

func (d *Remote) GetRepoInfo(ctx context.Context) (string, error) {
	req, err := http.NewRequest(http.MethodGet, d.url, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return resp.Status, nil
}

type Dump struct{ dir string }

func (d *Dump) GetRepoInfo(ctx context.Context) (string, error) {
	b, err := os.ReadFile(d.dir + "/repo.yml")
	return string(b), err
}

func migrate(ctx context.Context, d Downloader) error {
	_, err := d.GetRepoInfo(ctx)
	return err
}

// RestoreRepo restores a dump from disk: no request leaves.
func RestoreRepo(w http.ResponseWriter, r *http.Request) {
	migrate(r.Context(), &Dump{dir: r.FormValue("dir")})
}

// MigrateRepo fetches from the forge the user names.
func MigrateRepo(w http.ResponseWriter, r *http.Request) {
	migrate(r.Context(), &Remote{url: r.FormValue("url")}) // want `migrate sends a request to another service that cannot be cancelled`
}
