// Package download migrates a repository through a downloader: a remote // want package:"wants implementations of download.Downloader.GetRepoInfo, download.Downloader.GetTopics"
// one sends requests, a dump read from disk sends none. What migrate does
// depends on the downloader its caller hands it (gitea's
// migrateRepository, which RestoreRepository calls with a dump).
package download

import (
	"context"
	"net/http"
	"os"
)

type Downloader interface {
	GetRepoInfo(ctx context.Context) (string, error) // want GetRepoInfo:`effects: network\(\(\*download.Remote\).GetRepoInfo → \(\*http.Client\).Do\)$`
	GetTopics(ctx context.Context) ([]string, error)
}

type Remote struct{ c *http.Client }

func (d *Remote) GetRepoInfo(ctx context.Context) (string, error) { // want GetRepoInfo:`effects: network\(\(\*http.Client\).Do\)$`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://forge.example/api/repo", nil)
	if err != nil {
		return "", err
	}
	resp, err := d.c.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return resp.Status, nil
}

func (d *Remote) GetTopics(ctx context.Context) ([]string, error) { return nil, nil }

type Dump struct{ dir string }

func (d *Dump) GetRepoInfo(ctx context.Context) (string, error) {
	b, err := os.ReadFile(d.dir + "/repo.yml")
	return string(b), err
}

func (d *Dump) GetTopics(ctx context.Context) ([]string, error) { return nil, nil }

func migrate(ctx context.Context, d Downloader) error {
	if _, err := d.GetRepoInfo(ctx); err != nil {
		return err
	}
	_, err := d.GetTopics(ctx)
	return err
}

// Restore hands migrate a dump: no request.
func Restore(ctx context.Context, dir string) error {
	return migrate(ctx, &Dump{dir: dir})
}

// Migrate hands it what it chose at run time: every implementation
// counts.
func Migrate(ctx context.Context, remote bool) error { // want Migrate:`effects: network\(download.migrate → \(download.Downloader\).GetRepoInfo → \(\*download.Remote\).GetRepoInfo → \(\*http.Client\).Do\)$`
	var d Downloader = &Dump{}
	if remote {
		d = &Remote{c: http.DefaultClient}
	}
	return migrate(ctx, d)
}

// Pass hands on its own parameter: its callers decide.
func Pass(ctx context.Context, d Downloader) error { // want Pass:`effects: network\(download.migrate → \(download.Downloader\).GetRepoInfo → \(\*download.Remote\).GetRepoInfo → \(\*http.Client\).Do if param 1's GetRepoInfo does\)$`
	return migrate(ctx, d)
}

// RestoreVia decides for Pass: a dump.
func RestoreVia(ctx context.Context, dir string) error {
	return Pass(ctx, &Dump{dir: dir})
}

// MigrateVia hands Pass a remote downloader.
func MigrateVia(ctx context.Context) error { // want MigrateVia:`effects: network\(download.Pass → download.migrate → \(download.Downloader\).GetRepoInfo → \(\*download.Remote\).GetRepoInfo → \(\*http.Client\).Do\)$`
	return Pass(ctx, &Remote{c: http.DefaultClient})
}
