from planverk.cli.entry import main

main()
