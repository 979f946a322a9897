#!/bin/sh
# Builds one image per service with Jib, no Docker daemon needed, then checks each one (ImageTarTest).
#   deploy/images/build-images.sh                  tarballs on eclipse-temurin:25-jre (pulls the base from Docker Hub)
#   deploy/images/build-images.sh -Dimage.base=scratch          the same layers offline, without a JRE (not runnable)
#   deploy/images/build-images.sh -Dimage.goal=build -Dimage.registry=registry.example.com/ludus   pushes instead
# Tarballs: deploy/images/<service>/target/jib-image.tar (docker load -i ...).
set -eu
cd "$(dirname "$0")/../.."
modules=""
for service in ingress matchmaker sim-workers projections notifier replay outbox-relay admin schema-registry; do
  modules="$modules,deploy/images/$service"
done
./mvnw -B -ntp -Pimages package -DskipTests -pl "${modules#,}" -am "$@"
case " $* " in
  *image.goal=build\ *|*image.goal=build) exit 0 ;;
esac
./mvnw -B -ntp -q test -pl deploy -am -Dtest=ImageTarTest -Dsurefire.failIfNoSpecifiedTests=false -Dludus.images=built
