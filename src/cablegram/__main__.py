from cablegram.cli import main

main()
