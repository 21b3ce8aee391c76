# xopero-reconcile as a small container image: `reconcile` and `xopero-sim` without a Swift toolchain.
#
#   docker build -t xopero-reconcile .
#   docker run --rm -v "$PWD:/work" -e XOPERO_URL -e XOPERO_EMAIL -e XOPERO_PASSWORD xopero-reconcile --dry-run
#
# The build stage runs scripts/release.sh, the same script that makes the release tarball, and the
# runtime stage unpacks that tarball: the image holds exactly what the tarball holds. (The script also
# makes a debug build, from which the man pages are generated.)

FROM swift:6.3-noble AS build
WORKDIR /src
COPY . .
RUN scripts/release.sh --out /dist \
    && mkdir /install \
    && tar -xzf /dist/xopero-reconcile-*.tar.gz -C /install --strip-components=1

FROM ubuntu:24.04
# The binaries link the Swift runtime statically; they need glibc, libstdc++, zlib and the CA certificates.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libstdc++6 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin reconcile
COPY --from=build /install/ /usr/local/
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["reconcile"]
CMD ["--help"]
