// Package feeds creates a feed: a trivial lookup first, then the fetch
// that costs up to the fetcher's timeout.
package feeds

import (
	"fetcher"
	"storage"
)

func CreateFeed(store *storage.Storage, b *fetcher.RequestBuilder, categoryID int64, url string) error {
	if !store.CategoryExists(categoryID) {
		return nil
	}
	_, err := b.ExecuteRequest(url)
	return err
}
