// Command serve starts the server.
package main

import (
	"context"

	"realmod/callersapp/boot"
)

func main() {
	boot.InitInstalled(context.Background())
}
