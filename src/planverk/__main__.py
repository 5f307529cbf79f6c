from planverk.cli.app import main

main()
